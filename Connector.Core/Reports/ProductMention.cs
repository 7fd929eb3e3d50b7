namespace Connector.Core.Reports;

/// <summary>A product a Sale heading names: its canonical name and how many (1 unless the heading says).</summary>
public sealed record ProductMention(string Product, int Quantity);
