using Drydock.Data.Scans;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Registry;
using Drydock.Registry.Blobs;
using Drydock.Registry.Catalog;
using Drydock.Registry.GarbageCollection;
using Drydock.Registry.Manifests;
using Drydock.Registry.Namespaces;
using Drydock.Registry.Referrers;
using Drydock.Registry.Storage;
using Drydock.Registry.Storage.FileSystem;
using Drydock.Registry.Uploads;
using Drydock.Scanning.Indexing;
using Drydock.Server.Api.V1;
using Drydock.Server.Health;
using Drydock.Server.Lifecycle;
using Drydock.Data.Lifecycle;
using Drydock.Server.Integration;
using Drydock.Server.Policies;
using Drydock.Server.Registry;
using Drydock.Server.Telemetry;
using Drydock.Server.Updates;
using Drydock.Server.Webhooks;
using Drydock.Data.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Drydock.Server;

/// <summary>
/// The composition root of <c>drydock serve</c>: builds the ASP.NET Core application over the data directory
/// (SQLite <c>drydock.db</c> + filesystem blobs), migrated and cleaned, ready to start.
/// </summary>
public static class DrydockServer
{
    /// <summary>The registry database file name inside the data directory (ADR 0001).</summary>
    public const string DatabaseFileName = "drydock.db";

    /// <summary>
    /// Builds the application. Call <c>StartAsync</c> (tests, with <c>http://127.0.0.1:0</c>, then read
    /// <see cref="GetListeningAddresses"/>) or <c>RunAsync</c> (the command, until Ctrl-C or SIGTERM).
    /// </summary>
    public static async Task<WebApplication> CreateAsync(DrydockServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        // No reloading of appsettings.json: its watcher watches the content root (the working directory) recursively,
        // and the default data directory lies inside it, so every blob written woke the watcher thread.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        if (options.ConfigFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(options.ConfigFile), optional: false, reloadOnChange: false);
        }

        if (options.Settings is { } settings)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? builder.Configuration["Data"] ?? DrydockServerOptions.DefaultDataDirectory);
        var urls = options.Urls ?? builder.Configuration["Urls"] ?? DrydockServerOptions.DefaultUrls;
        builder.WebHost.UseUrls(urls);

        // The slim builder leaves HTTPS out. A registry that docker reaches by a host name, and the admission webhook
        // (Kubernetes calls webhooks over HTTPS only), need it: `--urls https://…` with a certificate in the
        // configuration's Kestrel:Certificates:Default section (Path, and KeyPath for a PEM key).
        builder.WebHost.UseKestrelHttpsConfiguration();
        var httpLimits = new HttpLimitsOptions();
        builder.Configuration.GetSection(HttpLimitsOptions.SectionName).Bind(httpLimits);
        builder.Services.AddSingleton(httpLimits);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Every body is bounded; uploads (streamed to disk) and manifest PUTs (Registry:MaxManifestBytes) lift it per request.
            kestrel.Limits.MaxRequestBodySize = httpLimits.MaxRequestBodyBytes;
        });
        // Per-request framework logs cost more than a manifest GET itself; lifecycle and errors stay visible.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The feed client's per-request lines (with a stack trace for every failed attempt) repeat what the updater
        // logs once per attempt and source in its own words.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        if (options.MinimumLogLevel is { } level)
        {
            builder.Logging.SetMinimumLevel(level);
        }

        // On SIGTERM or Ctrl-C the host stops accepting connections and gives requests in flight this long to
        // finish; then it aborts them. An aborted upload leaves only staged bytes, never a visible blob.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        var registryOptions = new RegistryOptions();
        builder.Configuration.GetSection(RegistryOptions.SectionName).Bind(registryOptions);
        if (options.ExplicitNamespaces is { } explicitNamespaces)
        {
            registryOptions.ExplicitNamespaces = explicitNamespaces;
        }

        Directory.CreateDirectory(dataDirectory);
        var database = new SqliteDatabase(Path.Combine(dataDirectory, DatabaseFileName));
        await database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, cancellationToken);
        var blobStore = new FileSystemBlobStore(dataDirectory, TimeProvider.System);

        AddRegistry(builder.Services, registryOptions, database, blobStore);
        var scanningOptions = new ScanningOptions();
        builder.Configuration.GetSection(ScanningOptions.SectionName).Bind(scanningOptions);
        var ecosystems = BuiltInEcosystems.CreateRegistry();
        // Held while the server runs: `drydock db update|import` refuses to replace a database the server has open.
        var databaseLock = DatabaseFileLock.TryAcquire(Path.Combine(dataDirectory, ServerMatcher.DatabaseFileName), "drydock serve", out var heldBy)
            ?? throw new InvalidOperationException($"The advisory database in {dataDirectory} is in use by {heldBy}; one server per data directory.");
        builder.Services.AddSingleton(_ => databaseLock);
        var matcher = await ServerMatcher.CreateAsync(dataDirectory, ecosystems, TimeProvider.System, cancellationToken);
        AddScanning(builder.Services, scanningOptions, dataDirectory, ecosystems, matcher);
        builder.Services.AddScanPolicy(builder.Configuration, options);
        AddScanEvents(builder.Services, builder.Configuration);
        AddLifecycle(builder.Services, builder.Configuration);
        builder.Services.AddProblemDetails();
        AddStrictJson(builder.Services);
        var telemetry = builder.AddDrydockTelemetry(options.LogFormat);
        builder.Services.AddDrydockHealthChecks(Path.Combine(blobStore.Root, "blobs"));

        var app = builder.Build();
        app.UseStatusCodePages();
        app.UseBadRequestProblems();
        app.MapHealthEndpoints();
        app.MapDrydockMetrics(telemetry);
        app.UsePullPolicy();
        app.MapRegistryEndpoints();
        app.MapNamespaceEndpoints();
        app.MapNamespaceSettingsEndpoints();
        app.MapScanEndpoints();
        app.MapArtifactEndpoints();
        app.MapReportEndpoints();
        app.MapDatabaseEndpoints();
        app.MapScanPolicyEndpoints();
        app.MapWebhookEndpoints();
        app.MapLifecycleEndpoints();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Drydock.Server");
        var cleaned = await app.Services.GetRequiredService<UploadService>().CleanUpAsync(TimeSpan.Zero, cancellationToken);
        if (cleaned > 0)
        {
            logger.UploadsCleaned(cleaned);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in GetListeningAddresses(app))
            {
                logger.Listening(address);
            }

            logger.DataDirectory(dataDirectory, database.Path, blobStore.Root);
        });
        app.Services.GetRequiredService<DatabaseFileLock>(); // Owned by the container from here: disposed with the app.
        app.Lifetime.ApplicationStopped.Register(databaseLock.Dispose);
        app.Lifetime.ApplicationStopping.Register(logger.Stopping);
        app.Lifetime.ApplicationStopped.Register(logger.Stopped);
        return app;
    }

    /// <summary>The addresses the started server listens on (with the real port when port 0 was asked for).</summary>
    public static IReadOnlyList<string> GetListeningAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.ToList() ?? [];
    }

    /// <summary>A garbage collector over a data directory, for <c>drydock gc</c> (no server running needed).</summary>
    public static async Task<GarbageCollector> CreateGarbageCollectorAsync(
        string dataDirectory, TimeSpan? gracePeriod, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var fullPath = Path.GetFullPath(dataDirectory);
        var database = new SqliteDatabase(Path.Combine(fullPath, DatabaseFileName));
        await database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, cancellationToken);
        return new GarbageCollector(
            new SqliteRegistryStore(database),
            new FileSystemBlobStore(fullPath, TimeProvider.System),
            gracePeriod is { } grace ? new RegistryOptions { GarbageCollectionGracePeriod = grace } : new RegistryOptions(),
            TimeProvider.System,
            loggerFactory.CreateLogger<GarbageCollector>());
    }

    // A body that does not bind is a 400 saying why (BadRequestProblems), never a bare "Bad Request" or a 500 later.
    private static void AddStrictJson(IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.AllowDuplicateProperties = false;
            json.SerializerOptions.Converters.Add(new StrictJsonElementConverter());
        });
    }

    private static void AddRegistry(IServiceCollection services, RegistryOptions options, SqliteDatabase database, FileSystemBlobStore blobStore)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(database);
        services.AddSingleton<SqliteRegistryStore>();

        // This process owns drydock.db, so manifests and tags can be served from memory.
        services.AddSingleton<IRegistryStore>(sp => new CachingRegistryStore(sp.GetRequiredService<SqliteRegistryStore>(), options.ManifestCacheBytes));
        services.AddSingleton<IBlobStore>(blobStore);
        services.AddSingleton<NamespaceService>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<BlobService>();
        services.AddSingleton<ManifestService>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<ReferrerService>();
        services.AddSingleton<BlobLocks>();
        services.AddSingleton<GarbageCollector>();
        services.AddHostedService<UploadCleanupService>();
    }

    // The scan queue, the worker and the auto-scan trigger; layer results are cached under DATA/cache/layers so a
    // layer shared by many images is read once.
    private static void AddScanning(
        IServiceCollection services, ScanningOptions options, string dataDirectory, Scanning.Abstractions.Ecosystems.EcosystemRegistry ecosystems, ServerMatcher matcher)
    {
        services.AddSingleton(options);
        services.AddSingleton(matcher);
        services.AddSingleton<NamespacePolicyCache>();
        services.AddSingleton<IScanStore, SqliteScanStore>();
        services.AddSingleton<ScanQueueSignal>();
        services.AddSingleton<IManifestPushedListener, AutoScanTrigger>();
        services.AddSingleton(provider => new ImageIndexer(
            ecosystems,
            new FileLayerResultCache(Path.Combine(dataDirectory, "cache", "layers")),
            new IndexerOptions(),
            provider.GetRequiredService<ILogger<ImageIndexer>>()));
        services.AddSingleton<RegistryScanner>();
        services.AddSingleton<Rematcher>();
        services.AddHostedService<ScanWorker>();
    }

    // Operating the registry: online garbage collection, tag immutability and retention, pull statistics.
    private static void AddLifecycle(IServiceCollection services, ConfigurationManager configuration)
    {
        var options = new LifecycleOptions();
        configuration.GetSection(LifecycleOptions.SectionName).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<ILifecycleStore, SqliteLifecycleStore>();
        services.AddSingleton<ImmutabilityGuard>();
        services.AddSingleton<ITagGuard>(provider => provider.GetRequiredService<ImmutabilityGuard>());
        services.AddSingleton<PullRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<PullRecorder>());
        services.AddSingleton<RetentionRunner>();
        services.AddSingleton<GarbageCollectionRunner>();
        services.AddHostedService<LifecycleScheduler>();
    }

    // What keeps results current and tells the outside (ADR 0006): the advisory updater on a schedule and on demand,
    // re-indexing after a detector change, and webhooks sent from a SQL outbox.
    private static void AddScanEvents(IServiceCollection services, ConfigurationManager configuration)
    {
        var updateOptions = new DatabaseUpdateOptions();
        configuration.GetSection(DatabaseUpdateOptions.SectionName).Bind(updateOptions);
        var webhookOptions = new WebhookOptions();
        configuration.GetSection(WebhookOptions.SectionName).Bind(webhookOptions);
        services.AddSingleton(updateOptions);
        services.AddSingleton(webhookOptions);
        services.AddSingleton<IStoredInventoryStore, SqliteStoredInventoryStore>();
        services.AddSingleton<IWebhookStore, SqliteWebhookStore>();
        services.AddSingleton<IScanCompletionStore, SqliteScanCompletionStore>();
        services.AddSingleton<ScanEvents>();
        services.AddSingleton<WebhookPublisher>();
        services.AddSingleton<DatabaseUpdateRunner>();
        services.AddHttpClient(DatabaseUpdateRunner.HttpClientName, http => http.DefaultRequestHeaders.UserAgent.ParseAdd("drydock-vulndb/1"));

        // A receiver's redirect is an answer to log, not to follow: following would re-send the signed body elsewhere.
        // Every connect is judged on the addresses it would reach (WebhookConnector); no proxy, so that judgement is on
        // the receiver, not on a proxy in between.
        services.AddSingleton(new WebhookAddressPolicy(webhookOptions));
        services.AddHttpClient(WebhookDispatcher.HttpClientName, http => http.DefaultRequestHeaders.UserAgent.ParseAdd("drydock-webhooks/1"))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = new WebhookConnector(provider.GetRequiredService<WebhookAddressPolicy>()).ConnectAsync,
            });
        services.AddSingleton<DatabaseUpdateScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseUpdateScheduler>());
        services.AddSingleton<ReindexOnDetectorChange>();
        services.AddHostedService(provider => provider.GetRequiredService<ReindexOnDetectorChange>());
        services.AddHostedService<WebhookDispatcher>();
    }
}
