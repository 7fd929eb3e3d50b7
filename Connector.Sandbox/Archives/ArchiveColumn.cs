namespace Connector.Sandbox.Archives;

/// <summary>
/// One column of an archive: its name, restriction type and how a row shows it (<paramref name="Value"/>, what a
/// row carries and what <c>$orderBy</c> sorts by). List and associate columns are restricted by id:
/// <see cref="Id"/> gives that id (the list item, the associate), while <paramref name="Value"/> may be its display text.
/// </summary>
public sealed record ArchiveColumn<T>(string Name, ArchiveColumnType Type, Func<T, object?> Value, bool CanOrderBy = true)
{
    /// <summary>The id a list or associate restriction compares; null for other types.</summary>
    public Func<T, int>? Id { get; init; }
}
