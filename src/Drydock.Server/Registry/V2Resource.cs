namespace Drydock.Server.Registry;

/// <summary>The resources under <c>/v2/</c> (distribution's route names).</summary>
internal enum V2Resource
{
    Base,
    Catalog,
    Blob,
    UploadStart,
    Upload,
    Manifest,
    Tags,
    Referrers,
}
