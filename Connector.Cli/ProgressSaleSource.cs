using System.Runtime.CompilerServices;
using Connector.Core.Reports;

namespace Connector.Cli;

/// <summary>The report's sale source, reporting each page as it passes (for the progress line).</summary>
public sealed class ProgressSaleSource(ISaleSource inner, Action<int, int> onPage) : ISaleSource
{
    public async IAsyncEnumerable<SalePage> ReadPagesAsync(int limit, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        int pages = 0, sales = 0;
        await foreach (var page in inner.ReadPagesAsync(limit, pageSize, ct).ConfigureAwait(false))
        {
            pages++;
            sales += page.Rows.Count;
            onPage(pages, sales);
            yield return page;
        }
    }
}
