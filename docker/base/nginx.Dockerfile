# Debian's nginx reading /etc/nginx/conf.d/*.conf like the official image (profile "scale").
ARG BASE=bridgepoint-local/debian:bookworm
FROM ${BASE}
RUN apt-get update && apt-get install -y nginx-light && rm -rf /var/lib/apt/lists/* \
 && rm -f /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
