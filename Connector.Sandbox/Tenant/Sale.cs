namespace Connector.Sandbox.Tenant;

/// <summary>A sale as the FindSale archive and <c>Sale/{id}</c> show it.</summary>
public sealed record Sale(
    int SaleId, string Heading, decimal Amount, DateTime Date, string Status, int ContactId,
    string Description, bool HasQuote, DateTime Registered, DateTime Updated);
