namespace Connector.Core.Reports;

/// <summary>The names of the tenant's product families (<c>GET /api/v1/List/ProductFamily/Items</c>, not deleted).</summary>
public interface IProductFamilySource
{
    Task<IReadOnlyList<string>> GetNamesAsync(CancellationToken cancellationToken);
}
