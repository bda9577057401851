// Load generator for bench/chat.py: N conversations, each a young person's
// socket and a professional's socket on /chat; messages at a fixed total rate,
// alternating sides; end-to-end latency = sent → received by the other side.
// Usage: node bench/chat_load.js URL CONFIG.json
// Prints {"event": "window_start"} and {"event": "window_end"} when the
// measured window opens and closes (bench/chat.py samples CPU then), and the
// result as the last line of JSON.
"use strict";
let done = false;
const { io } = require("socket.io-client");
const fs = require("fs");
const { performance } = require("perf_hooks");

// One URL, or several app processes (comma-separated): then a young person
// and their professional are on different ones (delivered through Redis).
const urls = process.argv[2].split(",");
const cfg = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const N = cfg.conversations, RATE = cfg.rate, DURATION = cfg.duration_s * 1000, GRACE = 5000;
const hardStop = setTimeout(() => finish("hard timeout"), (cfg.duration_s + 240) * 1000);

const sent = new Map();       // client_msg_id → send time (ms)
const received = new Map();   // client_msg_id → times received by the other side
const latencies = [], ackLatencies = [];
const ackErrors = {}, disconnects = {};
let acked = 0, ackFailed = 0, connected = 0, connectErrors = 0, setupFailed = 0, lastAck = 0;
let windowStart = 0, cpuWindow = null, setupSeconds = 0;
const pairs = [];
const worstBySecond = new Map();  // second of the window → worst end-to-end latency (ms)

function connect(url, headers) {
  return new Promise((resolve) => {
    const s = io(url + "/chat", { transports: ["websocket"], reconnection: false, extraHeaders: headers || {}, timeout: 20000 });
    s.on("connect", () => { connected++; resolve(s); });
    s.on("disconnect", (reason) => { if (!done) { disconnects[reason] = (disconnects[reason] || 0) + 1; } });
    s.on("connect_error", () => { connectErrors++; resolve(null); });
  });
}

function onMessage(m) {
  if (!m.client_msg_id || !sent.has(m.client_msg_id)) { return; }
  const n = (received.get(m.client_msg_id) || 0) + 1;
  received.set(m.client_msg_id, n);
  if (n === 1) {
    const t = sent.get(m.client_msg_id), latency = performance.now() - t;
    latencies.push(latency);
    // The worst latency per second of the window: a stall shows as a few bad seconds.
    const second = Math.floor((t - windowStart) / 1000);
    worstBySecond.set(second, Math.max(worstBySecond.get(second) || 0, latency));
  }
}

async function setup() {
  const t0 = performance.now();
  for (let i = 0; i < N; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(N, i + 50); j++) {
      batch.push((async () => {
        const young = await connect(urls[j % urls.length]);
        const pro = await connect(urls[(j + 1) % urls.length],
                                  cfg.cookies ? { Cookie: cfg.cookies[j % cfg.cookies.length] } : {});
        if (!young || !pro) { setupFailed++; return; }
        const started = await young.timeout(30000).emitWithAck("start", { theme: "logement" }).catch(() => null);
        if (!started || !started.ok) { setupFailed++; return; }
        const taken = await pro.timeout(30000).emitWithAck("take", { conversation_id: started.conversation_id }).catch(() => null);
        if (!taken || !taken.ok) { setupFailed++; return; }
        young.on("message", onMessage);
        pro.on("message", onMessage);
        pairs.push({ young, pro, conv: started.conversation_id, turn: 0 });
      })());
    }
    await Promise.all(batch);
  }
  setupSeconds = (performance.now() - t0) / 1000;
}

function sendOne(k) {
  const p = pairs[k % pairs.length];
  const side = p.turn++ % 2 === 0 ? p.young : p.pro;
  const cmid = `b${k}-${Math.random().toString(36).slice(2, 8)}`;
  const t = performance.now();
  sent.set(cmid, t);
  side.timeout(30000).emit("send", { conversation_id: p.conv, client_msg_id: cmid, body: `message ${k}` }, (err, ack) => {
    if (!err && ack && ack.ok) {
      acked++;
      lastAck = performance.now();
      ackLatencies.push(lastAck - t);
    } else {
      ackFailed++;
      const code = err ? String(err.message || err) : (ack && ack.error) || "no answer";
      ackErrors[code] = (ackErrors[code] || 0) + 1;
    }
  });
}

function pct(sorted, q) {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : null;
}

function finish(reason) {
  if (done) { return; }
  done = true;
  clearTimeout(hardStop);
  let lost = 0, duplicated = 0;
  for (const cmid of sent.keys()) {
    const n = received.get(cmid) || 0;
    if (n === 0) { lost++; } else if (n > 1) { duplicated += n - 1; }
  }
  latencies.sort((a, b) => a - b);
  ackLatencies.sort((a, b) => a - b);
  // Throughput over the time it really took: from the first send to the last
  // ack (never shorter than the sending window).
  const span = Math.max(DURATION, lastAck - windowStart) / 1000;
  console.log(JSON.stringify({ reason, sockets: connected, connect_errors: connectErrors, pairs: pairs.length,
    setup_failed: setupFailed, setup_s: Math.round(setupSeconds * 10) / 10,
    sent: sent.size, acked, ack_failed: ackFailed, ack_errors: ackErrors, disconnects, unacked: sent.size - acked - ackFailed, lost, duplicated,
    stored_per_s: Math.round(10 * acked / span) / 10, offered_per_s: Math.round(10 * sent.size / (DURATION / 1000)) / 10,
    p50_ms: pct(latencies, 0.5), p99_ms: pct(latencies, 0.99),
    max_ms: latencies.length ? Math.round(latencies[latencies.length - 1]) : null,
    ack_p50_ms: pct(ackLatencies, 0.5), ack_p99_ms: pct(ackLatencies, 0.99),
    loadgen_cpu_pct: cpuWindow,
    worst_seconds: [...worstBySecond.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)
      .map(([second, ms]) => ({ second, max_ms: Math.round(ms) })),
    timeline: [...worstBySecond.entries()].sort((a, b) => a[0] - b[0]).map(([, ms]) => Math.round(ms)) }));
  for (const p of pairs) { p.young.close(); p.pro.close(); }
  process.exit(0);
}

// bench/chat.py answers "go" on stdin once the server has settled after the
// setup (1,000 conversations started and taken send queue updates to every
// professional online: a storm that must not spill into the measured window).
function waitForGo() {
  return new Promise((resolve) => {
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => { if (chunk.includes("go")) { resolve(); } });
  });
}

(async () => {
  await setup();
  console.log(JSON.stringify({ event: "setup_done" }));
  await waitForGo();
  const openSockets = connected;
  if (!pairs.length) { return finish("no conversation could start"); }
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  windowStart = t0;
  console.log(JSON.stringify({ event: "window_start" }));
  let k = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    const due = Math.min(Math.floor((now - t0) * RATE / 1000), Math.floor(DURATION * RATE / 1000));
    while (k < due) { sendOne(k++); }
    if (now - t0 >= DURATION) {
      clearInterval(tick);
      const cpu = process.cpuUsage(cpu0);
      cpuWindow = Math.round(1000 * (cpu.user + cpu.system) / 1e3 / (now - t0)) / 10;
      console.log(JSON.stringify({ event: "window_end" }));
      setTimeout(() => finish(`done with ${openSockets} sockets`), GRACE);  // late deliveries
    }
  }, 10);
})();
