using System.Collections.Frozen;

namespace Connector.Functions.Ops;

/// <summary>The files of the operations page, embedded in the assembly (<c>Ops/Page/</c>), read once.</summary>
public static class OpsAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        ["ops.html"] = "text/html; charset=utf-8",
        ["ops.css"] = "text/css; charset=utf-8",
        ["ops.js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Contents = new(() => ContentTypes.Keys.ToFrozenDictionary(name => name, Read, StringComparer.Ordinal));

    public static bool IsAsset(string name) => ContentTypes.ContainsKey(name);

    public static (byte[] Content, string ContentType) Get(string name) => (Contents.Value[name], ContentTypes[name]);

    private static byte[] Read(string name)
    {
        using var stream = typeof(OpsAssets).Assembly.GetManifestResourceStream("Connector.Functions.Ops.Page." + name)
                           ?? throw new InvalidOperationException($"The operations page file {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
