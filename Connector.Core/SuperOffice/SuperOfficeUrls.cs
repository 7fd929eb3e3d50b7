namespace Connector.Core.SuperOffice;

/// <summary>
/// The API base always ends in <c>/api/</c>; endpoints are relative (<c>v1/Contact/5</c>). Discovery sources differ in
/// trailing slashes and parts (<c>…/Cust12345</c>, <c>…/Cust12345/api</c>, <c>…/api/v1/</c>), so all are normalised here.
/// </summary>
public static class SuperOfficeUrls
{
    /// <summary>The normalised API base, or null when <paramref name="url"/> is not an absolute http(s) URL.</summary>
    public static Uri? TryNormalizeApiBase(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^"/v1".Length];
        }
        if (!path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            path += "/api";
        }
        return new UriBuilder(uri) { Path = path + "/", Query = "", Fragment = "" }.Uri;
    }

    /// <summary>
    /// Resolves an endpoint against the API base. Accepts <c>v1/Contact/5</c>, <c>/v1/Contact/5</c>,
    /// <c>api/v1/Contact/5</c>, <c>Contact/5</c> (v1 is added) and absolute URLs under the base (e.g. a nextLink).
    /// </summary>
    public static Uri Resolve(Uri apiBase, string relativePath)
    {
        var path = relativePath.Trim();
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            if (!apiBase.IsBaseOf(absolute))
            {
                throw new ArgumentException("An absolute URL must lie under the SuperOffice API base.", nameof(relativePath));
            }
            return absolute;
        }
        path = path.TrimStart('/');
        if (path.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
        {
            path = path["api/".Length..];
        }
        if (!path.StartsWith("v1/", StringComparison.OrdinalIgnoreCase) && !path.Equals("v1", StringComparison.OrdinalIgnoreCase))
        {
            path = "v1/" + path;
        }
        return new Uri(apiBase, path);
    }

    /// <summary>An absolute URL under <paramref name="apiBase"/> as a path relative to it; anything else unchanged.</summary>
    public static string Relative(Uri apiBase, string path) =>
        Uri.TryCreate(path.Trim(), UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)
            && apiBase.IsBaseOf(absolute)
            ? apiBase.MakeRelativeUri(absolute).ToString()
            : path;

    /// <summary>The login host's endpoints (token, system user, state) under <c>SuperOffice:LoginBaseUrl</c>.</summary>
    public static Uri Login(Uri loginBase, string path) => new(loginBase, path.TrimStart('/'));
}
