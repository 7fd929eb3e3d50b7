namespace Connector.Core.SuperOffice;

/// <summary>An OData archive query: <c>$select</c>, <c>$filter</c>, <c>$orderBy</c>, page size (<c>$top</c>) and an optional overall limit.</summary>
public sealed record ArchiveQuery
{
    public const int DefaultPageSize = 200;

    public IReadOnlyList<string> Select { get; init; } = [];
    public string? Filter { get; init; }
    public string? OrderBy { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;
    /// <summary>Stop after this many rows in all (null: all rows).</summary>
    public int? Limit { get; init; }
}
