namespace Connector.Cli.Output;

/// <summary>A product family as <c>list-products</c> shows it.</summary>
public sealed record ProductFamilyView(int Id, string Name, bool Deleted);
