using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;

namespace Connector.Cli.Configuration;

internal static class FileSourceExtensions
{
    /// <summary>Points a file source at one file by its full path, read once (no reload).</summary>
    public static void ReadOnce(this FileConfigurationSource source, string fullPath)
    {
        // .env is a dot file, which the physical provider hides unless told otherwise.
        source.FileProvider = new PhysicalFileProvider(System.IO.Path.GetDirectoryName(fullPath)!, ExclusionFilters.None);
        source.Path = System.IO.Path.GetFileName(fullPath);
        source.ReloadOnChange = false;
    }
}
