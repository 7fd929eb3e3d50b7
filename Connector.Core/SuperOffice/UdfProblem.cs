namespace Connector.Core.SuperOffice;

/// <summary>Something in <c>UserDefinedFields</c> the reader could not make sense of: where (ProgId, if known), why, and the raw JSON.</summary>
public sealed record UdfProblem(string? ProgId, string Reason, string Raw);
