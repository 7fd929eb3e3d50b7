namespace Connector.Core.Telemetry;

/// <summary>
/// A request's path as a low-cardinality template: segments that are ids (digits, GUIDs) become <c>{id}</c>, and the
/// query is dropped, so no id list, filter or credential in a query string reaches a metric or a span name.
/// </summary>
public static class RouteTemplate
{
    public static string For(Uri? uri)
    {
        if (uri is null)
        {
            return "";
        }
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', '#')[0];
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsId(segments[i]))
            {
                segments[i] = "{id}";
            }
        }
        return string.Join('/', segments);
    }

    private static bool IsId(string segment) =>
        segment.Length > 0 && (segment.All(char.IsAsciiDigit) || Guid.TryParse(segment, out _));
}
