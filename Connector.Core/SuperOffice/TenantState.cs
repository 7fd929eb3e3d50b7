namespace Connector.Core.SuperOffice;

/// <summary>The answer of <c>GET {LoginBase}api/state/{ContextIdentifier}</c>.</summary>
public sealed record TenantState(string ContextIdentifier, string State, bool IsRunning, Uri? Api, DateTimeOffset? ValidUntil);
