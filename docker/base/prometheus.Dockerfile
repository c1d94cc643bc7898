# Debian's Prometheus (2.42), started like the official image: `prometheus` is the entrypoint and
# compose passes the flags (profile "monitoring"). Its web UI is the classic one (/classic/graph).
ARG BASE=bridgepoint-local/debian:bookworm
FROM ${BASE}
RUN apt-get update && apt-get install -y prometheus && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
