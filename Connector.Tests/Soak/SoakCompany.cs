using Connector.Sandbox.Tenant;

namespace Connector.Tests.Soak;

/// <summary>A company as the soak found it: its mapped fields (filled = typed by a person) and the shape its UDFs are read in.</summary>
public sealed record SoakCompany(int ContactId, string? Vertical, string? Summary, UdfShape Shape);
