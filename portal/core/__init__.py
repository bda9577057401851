"""Cross-cutting pieces every domain uses: model mixins, the commit point and
its after-commit queue, signals, time in Europe/Paris, error pages, mail,
background tasks, languages."""
