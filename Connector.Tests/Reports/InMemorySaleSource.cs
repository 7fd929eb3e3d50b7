using System.Runtime.CompilerServices;
using Connector.Core.Reports;

namespace Connector.Tests.Reports;

/// <summary>
/// An <see cref="ISaleSource"/> over a (possibly lazy) sequence of sales: honours limit and page size like the
/// archive does, counts what was asked, and can fail or wait at a given page.
/// </summary>
public sealed class InMemorySaleSource(IEnumerable<SaleRow> sales) : ISaleSource
{
    private int _reads;
    private int _pages;

    /// <summary>How many times a read was started (a run that repeats a report reads again).</summary>
    public int Reads => _reads;
    public int PagesServed => _pages;

    /// <summary>Throw this before serving page <see cref="FailAtPage"/> (1-based).</summary>
    public Exception? Failure { get; set; }
    public int FailAtPage { get; set; } = 1;

    /// <summary>When set, each read waits on it before its first page.</summary>
    public TaskCompletionSource? Gate { get; set; }
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called with the page number (1-based) before each page is served.</summary>
    public Func<int, Task>? BeforePage { get; set; }

    public async IAsyncEnumerable<SalePage> ReadPagesAsync(int limit, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Increment(ref _reads);
        Started.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }
        var page = new List<SaleRow>(pageSize);
        var pageNumber = 0;
        foreach (var sale in limit > 0 ? sales.Take(limit) : sales)
        {
            page.Add(sale);
            if (page.Count == pageSize)
            {
                pageNumber++;
                if (BeforePage is not null)
                {
                    await BeforePage(pageNumber);
                }
                yield return Serve(page, pageNumber);
                page = new List<SaleRow>(pageSize);
            }
        }
        if (page.Count > 0)
        {
            if (BeforePage is not null)
            {
                await BeforePage(pageNumber + 1);
            }
            yield return Serve(page, pageNumber + 1);
        }
    }

    private SalePage Serve(List<SaleRow> rows, int pageNumber)
    {
        if (Failure is not null && pageNumber >= FailAtPage)
        {
            throw Failure;
        }
        Interlocked.Increment(ref _pages);
        return new SalePage(rows);
    }
}
