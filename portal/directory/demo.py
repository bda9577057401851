"""The demo guide and the benchmark set: fictional structures, persons, services.

``generate()`` is deterministic (one ``random.Random(SEED)``; the clock only
through ``now``): the same rows on every machine. With ``count=None`` it makes
the demo, a few hundred entries in real communes of the arrondissement de
Lille and across the Belgian border; with a count, exactly that many entries
(structures + persons + services) across France, weighted by population.
``seed_directory()`` inserts them in bulk in the caller's transaction. Words,
names, phone ranges and hours come from demo_text.py; all of it is invented.
"""

from __future__ import annotations

import importlib.util
import math
import time
from datetime import datetime, timedelta
from random import Random

from sqlalchemy import insert, text, update

from portal.core.demo import DEMO_ADMIN, seeding_demo
from portal.core.text import slugify
from portal.core.themes import SUBTHEME_PARENT
from portal.core.time import utcnow
from portal.directory import demo_text as T
from portal.directory.demo_text import KINDS
from portal.directory.models import Channel, EntryStatus, Person, Service, Structure
from portal.directory.models import StructureKind as K
from portal.extensions import db
from portal.geo.gazetteer import Commune, get_gazetteer

SEED = 59_000
BATCH = 5_000
LILLE, DEMO_RADIUS_KM = "59350", 25
FLEMISH = {"BE-VWV", "BE-VOV"}  # West and East Flanders: Dutch text

# The demo: Lille has every French kind (the number picks a name variant);
# larger towns get the usual structures, then a mix; Belgian towns their own.
LILLE_PLAN = [(K.CRIJ, 0), (K.MISSION_LOCALE, 0), (K.CIO, 0), (K.PIJ, 0), (K.CAF, 0),
              (K.FRANCE_TRAVAIL, 0), (K.MAISON_DES_ADOS, 0), (K.FJT, 0), (K.HEALTH, 0),
              (K.HEALTH, 4), (K.SOCIAL, 0), (K.ASSOCIATION, 0), (K.ASSOCIATION, 0),
              (K.ASSOCIATION, 1), (K.MUNICIPAL, 1), (K.OTHER, 0), (K.OTHER, 1), (K.OTHER, 3)]
BIG_TOWN = [K.MISSION_LOCALE, K.PIJ, K.CIO, K.FRANCE_TRAVAIL]
SMALL_TOWN = [K.PIJ, K.MUNICIPAL, K.MUNICIPAL, K.ASSOCIATION]
TOWN_MIX = [K.ASSOCIATION] * 4 + [K.SOCIAL, K.HEALTH] * 2 + [
    K.MISSION_LOCALE, K.FRANCE_TRAVAIL, K.FJT, K.CIO, K.CAF, K.MAISON_DES_ADOS, K.MUNICIPAL, K.PIJ]
BELGIUM_PLAN = {"Mouscron": [K.INFOR_JEUNES, K.AMO, K.CPAS, K.ASSOCIATION],
                "Tournai": [K.INFOR_JEUNES, K.AMO, K.CPAS, K.ASSOCIATION],
                "Comines-Warneton": [K.CPAS, K.AMO], "Estaimpuis": [K.CPAS],
                "Kortrijk": [K.INFOR_JEUNES, K.CPAS, K.ASSOCIATION],
                "Menen": [K.CPAS, K.INFOR_JEUNES], "Wevelgem": [K.CPAS], "Wervik": [K.ASSOCIATION]}
# The demo's professional accounts: (pseudonym, town, kind, may edit the structure).
DEMO_PROS = [("pro-insertion", "Roubaix", K.MISSION_LOCALE, True),
             ("pro-info-jeunes", "Lille", K.PIJ, False),
             ("pro-ecoute", "Lille", K.MAISON_DES_ADOS, False)]
# The benchmark: a national deployment's mix of kinds (no Belgian ones).
NATIONAL_KINDS = {K.ASSOCIATION: 22, K.PIJ: 12, K.MUNICIPAL: 12, K.MISSION_LOCALE: 8,
                  K.HEALTH: 8, K.SOCIAL: 8, K.FRANCE_TRAVAIL: 6, K.CIO: 5, K.FJT: 5, K.OTHER: 5,
                  K.CAF: 3, K.MAISON_DES_ADOS: 3, K.CRIJ: 0.3}
# Days since the last check: stale after 182 (7–11 months here), expired after 365 (13+).
CHECKED_DAYS = {"fresh": (0, 150), "stale": (213, 335), "expired": (396, 560)}


def generate(count: int | None = None, *, seed: int = SEED, now: datetime | None = None) -> dict:
    """``{"structures", "persons", "services", "accounts"}``: lists of column dicts.

    Persons and services carry ``structure_index`` (a position in structures);
    accounts (demo only) name the persons that get a professional account.
    """
    maker = _Maker(Random(seed), now or utcnow())
    if count is None:
        maker.demo()
    else:
        maker.national(count)
    return maker.out


class _Maker:
    def __init__(self, rng: Random, now: datetime):
        self.rng, self.now = rng, now
        self.out = {"structures": [], "persons": [], "services": [], "accounts": []}

    def entries(self) -> int:
        return len(self.out["structures"]) + len(self.out["persons"]) + len(self.out["services"])

    # ------------------------------------------------------------------ plans
    def demo(self) -> None:
        gaz, rng = get_gazetteer(), self.rng
        lille = gaz.by_insee(LILLE)
        for kind, variant in LILLE_PLAN:
            self.structure(lille, kind, variant)
        towns = [c for c, _ in gaz.near(lille.lat, lille.lon, DEMO_RADIUS_KM)
                 if c.department == "59" and c.population >= 8000 and c.insee != LILLE]
        for town in sorted(towns, key=lambda c: (-c.population, c.insee)):
            n = max(1, round(math.sqrt(town.population / 5000)))
            kinds = list(BIG_TOWN) if town.population >= 50_000 else [
                K.PIJ if town.population >= 20_000 else rng.choice(SMALL_TOWN)]
            while len(kinds) < n:
                kind = rng.choice(TOWN_MIX)
                if kind == K.ASSOCIATION or kind not in kinds:  # one mission locale per town
                    kinds.append(kind)
            for kind in kinds[:n]:
                self.structure(town, kind)
        belgium = {c.name: c for c in gaz.communes if c.country == "BE"}
        for town, kinds in BELGIUM_PLAN.items():
            for kind in kinds:
                self.structure(belgium[town], kind)
        self._demo_accounts()
        self._demo_freshness()
        self._cover_subthemes()

    def national(self, count: int) -> None:
        communes = [c for c in get_gazetteer().communes if c.country == "FR" and c.population]
        cum = list(_running_sum(c.population for c in communes))
        kinds, weights = list(NATIONAL_KINDS), list(NATIONAL_KINDS.values())
        while self.entries() < count:
            commune = self.rng.choices(communes, cum_weights=cum)[0]
            kind = self.rng.choices(kinds, weights)[0]
            freshness = self.rng.choices(list(CHECKED_DAYS), (93, 5, 2))[0]
            self.structure(commune, kind, budget=count - self.entries() - 1,
                           days=self._days(freshness))

    # ------------------------------------------------------------------ rows
    def structure(self, commune: Commune, kind: K, variant: int | None = None,
                  budget: int = 1_000, days: int | None = None) -> None:
        """A structure, 1–4 persons and, one time in two, 2–4 services (within budget)."""
        rng, profile = self.rng, KINDS[kind]
        dutch = commune.department in FLEMISH
        names = profile.names_nl if dutch and profile.names_nl else profile.names
        if variant is None:  # helplines stay rare
            name = rng.choices(names, [1 if n.hours == "helpline" else 5 for n in names])[0]
        else:
            name = names[variant]
        ctx = {"ville": commune.name, "de_ville": T.de(commune.name),
               "a_ville": T.at(commune.name), "n": rng.randint(5, 40)}
        title = T.NAMES.say(rng, name.template, ctx)
        pool = name.subs or profile.subs or rng.choice(T.ASSOC_FOCUS)
        subs = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
        age_min, age_max = rng.choice(profile.ages)
        ctx.update(age_min=age_min, age_max=age_max, sub=subs[0])
        langs = self._languages(commune, dutch)
        slug = slugify(title if commune.name in title else f"{title} {commune.name}")
        host = slug if len(slug) <= 40 else slug[:40].rsplit("-", 1)[0]
        days = self._days("fresh") if days is None else days
        checked = self.now - timedelta(days=days, minutes=rng.randrange(600))
        wheelchair, access = rng.choice(T.ACCESS_NL if dutch else T.ACCESS_FR)
        index = len(self.out["structures"])
        self.out["structures"].append({
            "slug": slug, "name": title, "kind": kind,
            "description": self._description(kind, subs, ctx, langs, dutch),
            "address": self._address(commune, dutch), "postal_code": self._postal(commune),
            "commune_insee": commune.insee, "commune_name": commune.name,
            "country": commune.country, **self._position(commune),
            "phone": T.fiction_phone(rng, commune) if rng.random() < .9 else None,
            "email": f"accueil@{host}.passerelle.example",
            "website": f"https://{host}.passerelle.example/" if rng.random() < .6 else None,
            "opening_hours": self._hours(name, profile, showcase=variant is not None),
            "accessibility": access, "wheelchair": wheelchair, "status": EntryStatus.PUBLISHED,
            "last_checked_at": checked, "created_at": checked - timedelta(days=rng.randrange(900)),
            "updated_at": checked, "themes": subs, "age_min": age_min, "age_max": age_max,
            "languages": langs,
        })
        n_persons = min(budget, rng.choices((1, 2, 3, 4), (30, 35, 22, 13))[0])
        taken: set[tuple[str, str]] = set()
        for i in range(n_persons):
            self.person(index, commune, profile, subs, ctx, dutch, days, host, taken, i == 0)
        budget -= n_persons
        if budget >= 2 and rng.random() < .5:
            self.services(index, subs, ctx, dutch, min(budget, rng.randint(2, 4)))

    def person(self, index, commune, profile, subs, ctx, dutch, days, host, taken, first):
        rng = self.rng
        female = rng.random() < .55  # more women than men work in these jobs
        first_name, last_name = self._name(commune, female, dutch)
        while (first_name, last_name) in taken:
            first_name, last_name = self._name(commune, female, dutch)
        taken.add((first_name, last_name))
        channels = [c.value for c, odds in ((Channel.CHAT, .3), (Channel.BOOKING, .45),
                                            (Channel.EMAIL, .75), (Channel.PHONE, .6))
                    if rng.random() < odds] or [Channel.EMAIL.value]
        themes = rng.sample(subs, rng.randint(1, min(3, len(subs))))
        if dutch:
            role = rng.choice(T.NL["role"])
            said = [T.DUTCH.pick(rng, "sentence", ctx) for _ in range(2)]
        else:
            role = T.gendered(rng.choice(profile.roles), female)
            said = [T.gendered(T.FRENCH.pick(rng, "person", {**ctx, "sub": rng.choice(themes)}),
                               female) for _ in range(rng.randint(1, 3))]
        if rng.random() < .03:  # a few persons forget to check their own entry
            days = max(days, self._days("stale"))
        else:  # usually checked along with the structure, or since
            days = max(0, days - rng.randint(0, 30))
        checked = self.now - timedelta(days=days, minutes=rng.randrange(600))
        age_min, age_max = ctx["age_min"], ctx["age_max"]
        if rng.random() < .3 and age_max - age_min > 4:
            age_min, age_max = age_min + rng.randint(0, 2), age_max - rng.randint(0, 2)
        langs = self.out["structures"][index]["languages"]
        self.out["persons"].append({
            "structure_index": index, "first_name": first_name, "last_name": last_name,
            "role": role, "description": " ".join(dict.fromkeys(said)), "channels": channels,
            "email": f"{slugify(first_name)}.{slugify(last_name)}@{host}.example.org",
            "phone": T.fiction_phone(rng, commune, mobile=True) if "phone" in channels else None,
            "can_edit_structure": first and rng.random() < .4, "status": EntryStatus.PUBLISHED,
            "last_checked_at": checked, "created_at": checked - timedelta(days=rng.randrange(600)),
            "updated_at": checked, "themes": themes, "age_min": age_min, "age_max": age_max,
            "languages": langs if rng.random() < .8 else langs[:1],
        })

    def services(self, index, subs, ctx, dutch, n) -> None:
        rng, seen = self.rng, set()
        for _ in range(n):
            sub = rng.choice(subs)
            sctx = {**ctx, "sub": sub, "n": rng.randint(4, 15)}
            if dutch:
                name, said = rng.choice(T.NL["svc"]), [T.DUTCH.pick(rng, "sentence", sctx)]
            else:
                name = T.FRENCH.pick(rng, f"svc.{sub}", sctx)
                said = [T.FRENCH.pick(rng, "service", sctx), T.FRENCH.pick(rng, "schedule", sctx)]
            if name in seen:
                continue
            seen.add(name)
            self.out["services"].append({
                "structure_index": index, "name": name, "description": " ".join(said),
                "free_of_charge": rng.random() < .9, "by_appointment": rng.random() < .4,
                "themes": [sub], "age_min": ctx["age_min"], "age_max": ctx["age_max"],
                "languages": self.out["structures"][index]["languages"],
                "created_at": self.now, "updated_at": self.now,
            })

    # ------------------------------------------------------------------ parts
    def _description(self, kind, subs, ctx, langs, dutch) -> str:
        rng = self.rng
        if dutch:
            said = [T.INTRO_NL.get(kind.value, "")]
            said += [T.DUTCH.pick(rng, "sentence", ctx) for _ in range(2)]
        else:
            said = [T.FRENCH.say(rng, rng.choice(T.INTRO_FR[kind.value]), ctx)]
            for sub in subs[:2]:  # now and then the theme's own set phrase
                said.append(T.FRENCH.pick(rng, f"say.{sub}" if rng.random() < .15 else "struct",
                                          {**ctx, "sub": sub}))
            said.append(T.FRENCH.pick(rng, "practical", ctx))
            others = [T.LANGUAGES[lang] for lang in langs[1:]]
            if others:
                said.append(f"Accueil possible en {' et en '.join(others)}.")
        return " ".join(dict.fromkeys(s for s in said if s))

    def _name(self, commune, female, dutch) -> tuple[str, str]:
        # First names and surnames drawn apart: a mix, not a real person.
        rng = self.rng
        odds = .8 if dutch else .35 if commune.country == "BE" or commune.department in (
            "59", "62") else .05
        if rng.random() < odds:
            first = rng.choice(T.FIRST_F_NL if female else T.FIRST_M_NL)
        else:
            first = rng.choice(T.FIRST_F if female else T.FIRST_M)
        return first, rng.choice(T.SURNAMES_NL if rng.random() < odds else T.SURNAMES)

    def _languages(self, commune, dutch) -> list[str]:
        rng = self.rng
        if commune.country == "BE":
            langs = ["nl", "fr"] if dutch else ["fr", "nl"]
            return langs[:1] + langs[1:] * (rng.random() < .5) + ["en"] * (rng.random() < .3)
        langs = ["fr"]
        while rng.random() < (.25 if len(langs) == 1 else .2):
            lang = rng.choice(T.EXTRA_LANGS)
            if lang not in langs:
                langs.append(lang)
        return langs

    def _address(self, commune, dutch) -> str:
        rng, number = self.rng, self.rng.randint(1, 180)
        if commune.country == "BE":  # "Kerkstraat 12", "rue de Tournai 12"
            return f"{rng.choice(T.STREETS_NL if dutch else T.STREETS_BE_FR)} {number}"
        return f"{number}{' bis' if rng.random() < .05 else ''} {rng.choice(T.STREETS_FR)}"

    def _postal(self, commune) -> str:
        codes = commune.postal_codes
        return codes[0] if len(codes) == 1 or self.rng.random() < .7 else self.rng.choice(codes)

    def _position(self, commune) -> dict:
        # Uniform over a 1.5 km disc around the commune's point: markers do not stack.
        rng = self.rng
        dist, bearing = 1.5 * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        dlat = dist * math.cos(bearing) / 111.32
        dlon = dist * math.sin(bearing) / (111.32 * math.cos(math.radians(commune.lat)))
        return {"lat": round(commune.lat + dlat, 6), "lon": round(commune.lon + dlon, 6)}

    def _hours(self, name, profile, showcase: bool) -> str | None:
        if showcase and name.hours == "helpline":  # the demo's helplines never close
            return "24/7"
        if showcase or self.rng.random() < .95:  # else the entry gives no hours
            return T.opening_hours(self.rng, name.hours or profile.hours)
        return None

    def _days(self, freshness: str) -> int:
        return self.rng.randint(*CHECKED_DAYS[freshness])

    # ------------------------------------------------------------------ demo extras
    def _demo_accounts(self) -> None:
        structures, persons = self.out["structures"], self.out["persons"]
        for pseudonym, town, kind, can_edit in DEMO_PROS:
            index = next(i for i, s in enumerate(structures)
                         if s["commune_name"] == town and s["kind"] == kind)
            pi = next(i for i, p in enumerate(persons) if p["structure_index"] == index)
            female = persons[pi]["first_name"] in T.FIRST_F + T.FIRST_F_NL
            persons[pi].update(channels=[c.value for c in Channel], can_edit_structure=can_edit,
                               role=T.gendered(KINDS[kind].roles[0], female),
                               email=f"{pseudonym}@passerelle.example")
            self.out["accounts"].append({"pseudonym": pseudonym, "person_index": pi,
                                         "email": f"{pseudonym}@passerelle.example",
                                         "can_edit_structure": can_edit})

    def _demo_freshness(self) -> None:
        # A handful stale (the "please check" flow), a few expired (kept, hidden from
        # searches); never the structures of the demo accounts.
        keep = {self.out["persons"][a["person_index"]]["structure_index"]
                for a in self.out["accounts"]}
        candidates = [i for i in range(len(self.out["structures"])) if i not in keep]
        for i, freshness in zip(self.rng.sample(candidates, 10), ["stale"] * 7 + ["expired"] * 3,
                                strict=True):
            checked = self.now - timedelta(days=self._days(freshness))
            self.out["structures"][i].update(last_checked_at=checked, updated_at=checked,
                                             created_at=checked - timedelta(days=400))
            for p in self.out["persons"]:
                if p["structure_index"] == i:
                    p.update(last_checked_at=checked, updated_at=checked, created_at=checked)

    def _cover_subthemes(self) -> None:
        # The CRIJ informs on everything: it takes any sub-theme nobody else has.
        used = {t for rows in self.out.values() for r in rows for t in r.get("themes", ())}
        crij = next(s for s in self.out["structures"] if s["kind"] == K.CRIJ)
        crij["themes"] += [sub for sub in SUBTHEME_PARENT if sub not in used]


def _running_sum(values):
    total = 0
    for value in values:
        total += value
        yield total


# --------------------------------------------------------------------- seeding

def seed_directory(count: int | None = None) -> dict:
    """Insert the demo (``count=None``) or ``count`` benchmark entries.

    Bulk inserts in the caller's transaction (flush, never commit); the search
    index is rebuilt once the caller commits. Rows already there are kept, so
    seed an empty guide. Returns the counts, timings and the demo's
    professional logins (all with the demo password).
    """
    started = time.perf_counter()
    data = generate(count)
    generated = time.perf_counter()
    structure_ids = _bulk(Structure, data["structures"], returning=True)
    for key, model in (("persons", Person), ("services", Service)):
        _bulk(model, [{k: v for k, v in row.items() if k != "structure_index"}
                      | {"structure_id": structure_ids[row["structure_index"]]}
                      for row in data[key]])
    accounts = [_demo_account(spec, data, structure_ids) for spec in data["accounts"]]
    db.session.flush()
    return {"structures": len(structure_ids), "persons": len(data["persons"]),
            "services": len(data["services"]), "accounts": accounts,
            "index_rebuild": _schedule_index_rebuild(),
            "generate_s": round(generated - started, 2),
            "insert_s": round(time.perf_counter() - generated, 2)}


def _bulk(model, rows: list[dict], returning: bool = False) -> list[int]:
    # Core INSERTs on the table, in batches: the ORM's bulk path costs ~4× as
    # much per row, and 100,000 rows should not sit in one statement.
    table, ids = model.__table__, []
    stmt = insert(table)
    if returning and db.session.get_bind().dialect.name == "postgresql":
        # INSERT … RETURNING of 20,000 rows takes ~5× a plain INSERT there:
        # take the ids from the table's sequence in one query instead.
        ids = db.session.scalars(text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
            {"table": table.name, "n": len(rows)}).all()
        rows, returning = [row | {"id": id_} for row, id_ in zip(rows, ids, strict=True)], False
    elif returning:  # the new ids, in the order of the rows
        stmt = stmt.returning(table.c.id, sort_by_parameter_order=True)
    for start in range(0, len(rows), BATCH):
        result = db.session.execute(stmt, rows[start:start + BATCH])
        if returning:
            ids += result.scalars().all()
    return ids


def _demo_account(spec: dict, data: dict, structure_ids: list[int]) -> dict:
    from portal.accounts import create_staff_user, find_by_login

    person = data["persons"][spec["person_index"]]
    structure = data["structures"][person["structure_index"]]
    full_name = f"{person['first_name']} {person['last_name']}"
    user = find_by_login(spec["pseudonym"])
    if user is None:
        user = create_staff_user(pseudonym=spec["pseudonym"], email=spec["email"],
                                 role="professional", password=DEMO_ADMIN["password"],
                                 full_name=full_name)
    else:  # seeded again: the account moves to the new copy of its person
        db.session.execute(update(Person).where(Person.user_id == user.id).values(user_id=None))
    # Names are unique within a structure (the generator sees to it).
    db.session.execute(update(Person).where(
        Person.structure_id == structure_ids[person["structure_index"]],
        Person.first_name == person["first_name"], Person.last_name == person["last_name"],
    ).values(user_id=user.id))
    return {"pseudonym": spec["pseudonym"], "email": spec["email"],
            "password": DEMO_ADMIN["password"], "full_name": full_name, "role": person["role"],
            "structure": structure["name"], "can_edit_structure": spec["can_edit_structure"]}


def _schedule_index_rebuild() -> str:
    """Rebuild the search index after the caller's commit, if the search package
    has an indexer: bulk inserts bypass the ORM events that feed its outbox."""
    from portal.core.commit import after_commit

    try:
        found = importlib.util.find_spec("search_index.indexer") is not None
    except ModuleNotFoundError:  # no search_index package at all
        found = False
    if not found:
        return "unavailable"
    from search_index import indexer  # an error inside it should be seen, not hidden

    rebuild = getattr(indexer, "rebuild", None)
    if rebuild is None:
        return "unavailable"
    after_commit(rebuild)
    return "after-commit"


@seeding_demo.connect
def _seed(sender, count=None, **_):
    return seed_directory(count)
