namespace Connector.Core.Reports;

/// <summary>
/// A product a Sale heading names: its canonical name, how many (1 unless the heading says), and the product code(s)
/// the heading named it by (<c>RR-02-017-OMNIE</c> for <c>OMNIE</c>; several space-separated), or null when it was
/// named by keyword or family name only.
/// </summary>
public sealed record ProductMention(string Product, int Quantity, string? Code = null);
