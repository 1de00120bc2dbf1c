# Builds `pathway` and runs `pathway serve` (docker-compose.yml's app service).
FROM swift:6.0-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product pathway --static-swift-stdlib \
    && mkdir /out && cp "$(swift build -c release --show-bin-path)/pathway" /out/ \
    && cp -r "$(swift build -c release --show-bin-path)"/*.resources /out/

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates \
    && rm -rf /var/lib/apt/lists/* && useradd --system --create-home pathway
COPY --from=build /out/ /usr/local/bin/
COPY Seeds /usr/share/pathway/Seeds
USER pathway
EXPOSE 8080
ENTRYPOINT ["pathway"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
