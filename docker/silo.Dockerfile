# One silo of the cluster. Build from the repository root:
#   docker build -f docker/silo.Dockerfile -t qase-webhooks-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Project files first, so that the restore layer is reused until a package or a reference changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY grain-interfaces/Qase.Webhooks.GrainInterfaces.csproj grain-interfaces/
COPY grains/Qase.Webhooks.Grains.csproj grains/
COPY hosting/Qase.Webhooks.Hosting.csproj hosting/ServiceHost.props hosting/
COPY silo/Qase.Webhooks.Silo.csproj silo/
RUN dotnet restore silo/Qase.Webhooks.Silo.csproj

COPY grain-interfaces/ grain-interfaces/
COPY grains/ grains/
COPY hosting/ hosting/
COPY silo/ silo/
# Publishing restores once more, for the runtime-specific packages of the precompiled (ReadyToRun) build.
RUN dotnet publish silo/Qase.Webhooks.Silo.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the HEALTHCHECK: the image has no HTTP client, and `curl --fail` is a check anyone can read and run by hand.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./

# HTTP (health, metrics) on 8080, all interfaces; the silo-to-silo and gateway ports are Orleans' defaults
# (Orleans:SiloPort, Orleans:GatewayPort) and belong on a private network only.
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080 11111 30000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://127.0.0.1:8080/health/ready"]

# The numeric id of the image's non-root `app` user, so that orchestrators can verify it is not root.
USER $APP_UID
ENTRYPOINT ["dotnet", "Qase.Webhooks.Silo.dll"]
