# syntax=docker/dockerfile:1
# Polo as a published, non-root image. The embedded engine (libchdb.so, ClickHouse 26.7) is fetched from npm at build
# time, never committed. Build: docker build -t polo . ; run with docker compose (docker-compose.yml).

# 1. The embedded ClickHouse engine, from its npm package (the same one scripts/setup.sh uses).
FROM node:22-bookworm-slim AS chdb
ARG CHDB_PACKAGE=@chdb/lib-linux-x64-gnu@26.7.3-stable.1
WORKDIR /chdb
RUN npm pack --silent "$CHDB_PACKAGE" \
 && tar xzf ./*.tgz package/libchdb.so \
 && mv package/libchdb.so ./libchdb.so \
 && rm -rf package ./*.tgz

# 2. Restore (cached on the project files), then publish Polo.Web.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Polo.Data/Polo.Data.csproj Polo.Data/
COPY Polo.Collection/Polo.Collection.csproj Polo.Collection/
COPY Polo.Web/Polo.Web.csproj Polo.Web/
RUN dotnet restore Polo.Web/Polo.Web.csproj -r linux-x64
COPY migrations/ migrations/
COPY Polo.Data/ Polo.Data/
COPY Polo.Collection/ Polo.Collection/
COPY Polo.Web/ Polo.Web/
# For linux-x64 and ReadyToRun (Polo.Web.csproj): precompiled code, so a fresh container's first visits do not wait for
# the JIT (a cold Explain visit on the ~100k bench estate 3.5 s -> 2.4-2.7 s).
RUN dotnet publish Polo.Web/Polo.Web.csproj -c Release -r linux-x64 --self-contained false -o /app --no-restore

# 3. Runtime: ASP.NET Core only, as the image's unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
COPY --from=chdb /chdb/libchdb.so /opt/chdb/libchdb.so
COPY --from=build /app /app
RUN mkdir -p /data && chown "$APP_UID" /data
ENV POLO_CHDB_LIB=/opt/chdb/libchdb.so \
    ClickHouse__DataPath=/data/clickhouse \
    Urls=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_ENVIRONMENT=Production
VOLUME /data
EXPOSE 8080
USER $APP_UID
WORKDIR /app
ENTRYPOINT ["dotnet", "Polo.Web.dll"]
