# summary.awk - bench/results.tsv rows (case, flavour, value) -> the markdown table of medians,
# ratios and targets that bench/run.sh prints and puts into BENCHMARKS.md.
function median(c, f,   n, i, j, t, v) {
  n = cnt[c, f]
  if (!n) return ""
  for (i = 1; i <= n; i++) v[i] = val[c, f, i]
  for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
  return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function fmt(x) {
  if (x == "") return "—"
  x += 0
  return (x >= 100 || x <= -100) ? sprintf("%.0f", x) : (x >= 10 || x <= -10) ? sprintf("%.1f", x) : sprintf("%.2f", x)
}
# row(case, label, unit, kind, limit): kind "le"/"ge" = ratio ws2/raw target, "add" = ws2 - raw
# target (limit "" = none), "" = no target.
function row(c, label, unit, kind, limit,   r, w, x, rt, tg, ok, wr) {
  r = median(c, "raw"); w = median(c, "ws2"); x = median(c, "wine")
  if (r == "" && w == "") return
  rt = tg = ok = wr = "—"
  if (kind == "add" && r != "" && w != "") {
    rt = sprintf("%+.0f %s", w - r, unit)
    if (limit != "") { tg = "≤ " limit " " unit; ok = (w - r <= limit) ? "met" : "**missed**" }
  } else if (r != "" && w != "" && r > 0) {
    rt = sprintf("%.3f", w / r)
    if (kind == "le") { tg = "≤ " limit; ok = (w / r <= limit) ? "met" : "**missed**" }
    if (kind == "ge") { tg = "≥ " limit; ok = (w / r >= limit) ? "met" : "**missed**" }
  }
  if (kind != "add" && x != "" && r != "" && r > 0) wr = sprintf("%.2f", x / r)
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label, unit, fmt(r), fmt(w), rt, tg, ok, fmt(x), wr
}
{ n = ++cnt[$1, $2]; val[$1, $2, n] = $3; if ($1 ~ /^chain/) chain = 1 }
END {
  print "| Case | Unit | raw | ws2 | ws2/raw | Target | | wine | wine/raw |"
  print "|---|---|--:|--:|--:|---|---|--:|--:|"
  row("rtt", "TCP ping-pong, 64 B, RTT (threads unpinned)", "µs", "le", 1.03)
  row("rtt_pinned", "TCP ping-pong, 64 B, RTT (both threads on CPU 0)", "µs", "le", 1.03)
  row("bulk", "Bulk TCP, 64 KiB sends", "MB/s", "ge", 0.97)
  row("udp", "UDP, 64 B datagrams received", "dgram/s", "", "")
  row("churn", "Connection churn: connect + accept + close", "conn/s", "ge", 0.95)
  row("pair_time", "send + recv pair (64 B TCP), one thread", "ns", "", "")
  row("sock_time", "socket + closesocket, one thread", "ns", "", "")
  row("wsapoll", "WSAPoll (ws2) vs poll(2) (raw), all idle sockets, timeout 0", "µs/call", "le", 1.10)
  row("idle_mem", "Resident memory per idle connected socket", "B", "add", 512)
  row("icount_pair", "Instructions per send + recv pair (64 B TCP)", "Ir", "add", "")
  row("icount_sock", "Instructions per socket + closesocket", "Ir", "add", "")
  row("icount_poll", "Instructions per WSAPoll over 1,000 idle sockets", "Ir", "add", "")
  if (chain) {
    print ""
    print "| Pass-through layers (TCP/IPv4 chain) | RTT pinned, µs | ratio to 0 layers | Ir per send+recv |"
    print "|---|--:|--:|--:|"
    for (k = 0; k <= 3; k++) if (cnt["chain_rtt", "ws2+" k])
      printf "| %d | %s | %.3f | %s |\n", k, fmt(median("chain_rtt", "ws2+" k)),
        median("chain_rtt", "ws2+" k) / median("chain_rtt", "ws2+0"), fmt(median("chain_icount", "ws2+" k))
  }
}
