# Debian's Redis 7, listening on every interface of the container like the official image.
ARG BASE=bridgepoint-local/debian:bookworm
FROM ${BASE}
RUN apt-get update && apt-get install -y redis-server && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown redis:redis /data
WORKDIR /data
USER redis
EXPOSE 6379
# The compose file runs `redis-server --save "" ...`: reachable from the network without a password,
# as the official image is (only the compose network reaches it).
ENTRYPOINT ["sh", "-c", "if [ \"$1\" = redis-server ]; then shift; fi; exec redis-server --bind 0.0.0.0 --protected-mode no \"$@\"", "--"]
CMD ["redis-server"]
