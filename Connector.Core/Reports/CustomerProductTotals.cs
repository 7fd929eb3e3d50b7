namespace Connector.Core.Reports;

/// <summary>What one customer bought of one product: sales, total quantity, first and last sale date.</summary>
internal sealed class CustomerProductTotals
{
    public int Sales { get; private set; }
    public int TotalQuantity { get; private set; }
    public DateTimeOffset? FirstSaleDate { get; private set; }
    public DateTimeOffset? LastSaleDate { get; private set; }

    public void Add(int quantity, DateTimeOffset? saleDate)
    {
        Sales++;
        TotalQuantity += quantity;
        if (saleDate is { } date)
        {
            if (FirstSaleDate is null || date < FirstSaleDate)
            {
                FirstSaleDate = date;
            }
            if (LastSaleDate is null || date > LastSaleDate)
            {
                LastSaleDate = date;
            }
        }
    }
}
