using Connector.Core.SuperOffice;

namespace Connector.Core.Reports;

/// <summary>The report's <see cref="IProductFamilySource"/> over <c>GET v1/List/ProductFamily/Items</c> (deleted items left out).</summary>
public sealed class SuperOfficeProductFamilySource(SuperOfficeClient client) : IProductFamilySource
{
    public async Task<IReadOnlyList<string>> GetNamesAsync(CancellationToken cancellationToken) =>
        (await client.GetProductFamiliesAsync(includeDeleted: false, cancellationToken).ConfigureAwait(false))
        .Where(f => !f.Deleted)
        .Select(f => f.Name)
        .ToArray();
}
