namespace Drydock.Server.Policies;

/// <summary>The admission webhook's settings (section <c>Scanning:Admission</c> of the settings file).</summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Scanning:Admission";

    /// <summary>
    /// Host names (with port when not the default) by which pods name images in this registry, e.g.
    /// <c>registry.example.com</c> or <c>10.0.0.5:5000</c>. The host of the admission request itself always counts too.
    /// </summary>
    public IReadOnlyList<string> RegistryHosts { get; set; } = [];

    /// <summary>What to do with images of other registries: <c>allow</c> (the default) or <c>deny</c>.</summary>
    public string OtherRegistries { get; set; } = "allow";

    /// <summary>Whether images of other registries are denied.</summary>
    public bool DenyOtherRegistries => string.Equals(OtherRegistries, "deny", StringComparison.OrdinalIgnoreCase);
}
