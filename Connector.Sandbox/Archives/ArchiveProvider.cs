using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Archives;

/// <summary>
/// An archive the sandbox serves (FindSale, FindContact): its columns with their restriction types, the primary key
/// column, the entity name each row carries and the columns a query without <c>$select</c> gets.
/// </summary>
public sealed class ArchiveProvider<T>(
    string name, string entityName, string primaryKey, IReadOnlyList<ArchiveColumn<T>> columns, IReadOnlyList<string> defaultSelect)
{
    public string Name { get; } = name;
    public string EntityName { get; } = entityName;
    public IReadOnlyList<ArchiveColumn<T>> Columns { get; } = columns;
    public IReadOnlyList<string> DefaultSelect { get; } = defaultSelect;

    /// <summary>The primary key column: its value is each row's <c>PrimaryKey</c> and the last resort of the order.</summary>
    public ArchiveColumn<T> PrimaryKey => Find(primaryKey, "ArchiveQuery");

    /// <summary>
    /// The column of that name, matched without regard to case (UNCONFIRMED whether SuperOffice does; the
    /// documentation always spells them one way), or a 400 of <paramref name="errorType"/>.
    /// </summary>
    public ArchiveColumn<T> Find(string column, string errorType) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase))
        ?? throw new ApiError(400, errorType, $"Unknown column '{column}' in the {Name} archive.");
}
