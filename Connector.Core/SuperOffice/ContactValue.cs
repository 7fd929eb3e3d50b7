namespace Connector.Core.SuperOffice;

/// <summary>An entry of a contact's <c>Urls</c>, <c>Emails</c> or <c>Phones</c>.</summary>
public sealed record ContactValue(string Value, string? Description = null);
