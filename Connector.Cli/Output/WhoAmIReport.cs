namespace Connector.Cli.Output;

/// <summary>What <c>who-am-i</c> reports: the API user and whether <c>SuperOffice:ApiAssociateId</c> holds its id.</summary>
public sealed record WhoAmIReport(int AssociateId, string? Associate, string? FullName, string? UserName, string? UserType, string? Tenant,
    int? ConfiguredApiAssociateId, bool Matches, string? Advice);
