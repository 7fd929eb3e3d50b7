using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Connector.Core.SuperOffice;

/// <summary>
/// OData archive lists (<c>v1/Sale</c>, ...) as an async stream of rows. Pages with <c>$top</c>/<c>$skip</c> until a
/// page comes back short: <c>odata.nextLink</c> may be null although more rows exist (docs/superoffice/archives.md), so it is not relied on.
/// </summary>
public sealed class SuperOfficeArchiveClient(SuperOfficeHttp http, ILogger<SuperOfficeArchiveClient> logger)
{
    public const string SalePath = "v1/Sale";

    /// <summary>The Sale archive (FindSale), row by row.</summary>
    public IAsyncEnumerable<ArchiveRow> GetSalesAsync(ArchiveQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync(SalePath, query, cancellationToken);

    /// <summary>The rows of an archive, page after page.</summary>
    public async IAsyncEnumerable<ArchiveRow> QueryAsync(string path, ArchiveQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(path, query, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                yield return row;
            }
        }
    }

    /// <summary>The pages of an archive, each as soon as it arrives (the last one may be short or empty).</summary>
    public async IAsyncEnumerable<IReadOnlyList<ArchiveRow>> QueryPagesAsync(string path, ArchiveQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (query.PageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), "PageSize must be positive.");
        }
        var returned = 0;
        string? previousPageSignature = null;
        while (query.Limit is not { } limit || returned < limit)
        {
            var top = query.Limit is { } max ? Math.Min(query.PageSize, max - returned) : query.PageSize;
            List<ArchiveRow> rows;
            using (var page = await http.SendForJsonAsync(HttpMethod.Get, PageUrl(path, query, top, returned), null, cancellationToken).ConfigureAwait(false))
            {
                rows = (JsonValues.ArrayOf(page.RootElement) is { } array ? array.EnumerateArray().Select(ArchiveRow.Parse).OfType<ArchiveRow>() : []).ToList();
            }

            // A server that ignores $skip would send the same page forever.
            var signature = rows.Count == 0 ? null : $"{rows[0].PrimaryKeyText}|{rows[^1].PrimaryKeyText}|{rows.Count}";
            if (signature is not null && signature == previousPageSignature)
            {
                logger.LogWarning("The {Path} archive answered the same page again at $skip={Skip}; paging stopped", path, returned);
                yield break;
            }
            previousPageSignature = signature;

            returned += rows.Count;
            yield return rows;
            if (rows.Count < top)
            {
                break;
            }
        }
        logger.LogDebug("The {Path} archive gave {Rows} rows", path, returned);
    }

    public static string PageUrl(string path, ArchiveQuery query, int top, int skip)
    {
        var url = new StringBuilder(path).Append('?');
        if (query.Select.Count > 0)
        {
            url.Append("$select=").Append(Uri.EscapeDataString(string.Join(",", query.Select))).Append('&');
        }
        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            url.Append("$filter=").Append(Uri.EscapeDataString(query.Filter)).Append('&');
        }
        if (!string.IsNullOrWhiteSpace(query.OrderBy))
        {
            url.Append("$orderBy=").Append(Uri.EscapeDataString(query.OrderBy)).Append('&');
        }
        url.Append("$top=").Append(top.ToString(CultureInfo.InvariantCulture));
        url.Append("&$skip=").Append(skip.ToString(CultureInfo.InvariantCulture));
        return url.ToString();
    }
}
