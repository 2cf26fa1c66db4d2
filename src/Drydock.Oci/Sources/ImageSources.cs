namespace Drydock.Oci.Sources;

/// <summary>Opens the image source a TARGET names.</summary>
public static class ImageSources
{
    /// <summary>Opens <paramref name="target"/>. Archives are indexed here; nothing is downloaded yet.</summary>
    public static async Task<IImageSource> OpenAsync(ImageTarget target, ImageSourceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var platform = options.Platform ?? PlatformSelector.Default;
        switch (target.Kind)
        {
            case ImageTargetKind.Registry:
                return new RegistryImageSource(target.Registry!, target.Original, options, platform);
            case ImageTargetKind.OciLayout:
                if (!Directory.Exists(target.Path))
                {
                    throw new DirectoryNotFoundException($"No OCI layout directory at {target.Path}.");
                }

                return new OciLayoutImageSource(new DirectoryLayoutFiles(target.Path!), target.Original, target.LayoutReference, platform);
            case ImageTargetKind.OciArchive:
                return new OciLayoutImageSource(await TarLayoutFiles.OpenAsync(target.Path!, cancellationToken), target.Original, target.LayoutReference, platform);
            case ImageTargetKind.DockerArchive:
            {
                var files = await TarLayoutFiles.OpenAsync(target.Path!, cancellationToken);
                if (files.Exists("manifest.json"))
                {
                    return new DockerArchiveImageSource(files, target.Original);
                }

                // `docker save` of a recent docker writes an OCI layout too; a tar with neither is no image at all
                // (a root filesystem, a layer), and saying only "no index.json" would point at the wrong format.
                return files.Exists("index.json")
                    ? new OciLayoutImageSource(files, target.Original, null, platform)
                    : throw new InvalidDataException(
                        $"{target.Original} is not an image archive: it has neither manifest.json (docker save) nor index.json (an OCI layout). " +
                        "A root filesystem is scanned as dir:PATH once unpacked.");
            }

            case ImageTargetKind.Directory:
                return new DirectoryImageSource(target.Path!, target.Original);
            default:
                throw new NotSupportedException($"{target.Original} is an SBOM, not an image; it has no layers to read.");
        }
    }
}
