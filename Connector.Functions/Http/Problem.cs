namespace Connector.Functions.Http;

/// <summary>An RFC 9457 problem body (application/problem+json). Never carries a secret or the request body.</summary>
public sealed record Problem(string Type, string Title, int Status, string Detail);
