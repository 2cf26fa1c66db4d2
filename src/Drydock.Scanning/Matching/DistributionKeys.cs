using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Matching;

/// <summary>The distribution key feeds use for an image's distribution: "debian:12", "ubuntu:22.04",
/// "alpine:3.10", "rhel:9" (CentOS and UBI match Red Hat data), "rocky:9", "wolfi".</summary>
public static class DistributionKeys
{
    /// <summary>The key, or null when there is no distribution.</summary>
    public static string? For(Distribution? distribution)
    {
        if (distribution is null)
        {
            return null;
        }

        var major = distribution.Release.Split('.')[0];
        return distribution.Id switch
        {
            "wolfi" or "chainguard" => distribution.Id,
            "rhel" or "centos" => $"rhel:{major}",
            "rocky" or "almalinux" or "ol" or "amzn" => $"{distribution.Id}:{major}",
            _ => $"{distribution.Id}:{distribution.Release}",
        };
    }
}
