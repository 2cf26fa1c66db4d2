using Drydock.Data.Allowlists;
using Drydock.Data.Sqlite;
using Drydock.Server.Api.V1;

namespace Drydock.Server.Policies;

/// <summary>The composition of the scan policy: allowlists, the policy shared by pulls and admission, and its endpoints.</summary>
internal static class ScanPolicyComposition
{
    public static IServiceCollection AddScanPolicy(this IServiceCollection services, IConfiguration configuration, DrydockServerOptions options)
    {
        var admission = new AdmissionOptions();
        configuration.GetSection(AdmissionOptions.SectionName).Bind(admission);
        if (admission.OtherRegistries is not ("allow" or "deny"))
        {
            throw new InvalidOperationException($"{AdmissionOptions.SectionName}:OtherRegistries must be allow or deny, not '{admission.OtherRegistries}'.");
        }

        services.AddSingleton(admission);
        services.AddSingleton<IAllowlistStore, SqliteAllowlistStore>();
        services.AddSingleton<ImagePolicy>();
        if (options.TimeProvider is { } clock)
        {
            // Registered after the system clock, so every service that asks for a TimeProvider gets this one.
            services.AddSingleton(clock);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapScanPolicyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAllowlistEndpoints();
        endpoints.MapVulnerabilityEndpoints();
        endpoints.MapAdmissionEndpoints();
        return endpoints;
    }
}
