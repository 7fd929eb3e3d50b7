using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>The API user, from <c>GET v1/User/currentPrincipal</c>; <see cref="AssociateId"/> is what <c>SuperOffice:ApiAssociateId</c> must hold.</summary>
public sealed record CurrentPrincipal(int AssociateId, string? Associate, string? FullName, string? UserName, string? EMailAddress,
    int? ContactId, int? PersonId, string? DatabaseContextIdentifier)
{
    /// <summary>e.g. <c>InternalAssociate</c>, <c>SystemAssociate</c> (the kind of user the API signs in as).</summary>
    public string? UserType { get; init; }

    public static CurrentPrincipal Parse(JsonElement root) => new(
        JsonValues.Int(root, "AssociateId") ?? 0,
        JsonValues.Text(root, "Associate"),
        JsonValues.Text(root, "FullName"),
        JsonValues.Text(root, "UserName"),
        JsonValues.Text(root, "EMailAddress"),
        JsonValues.Int(root, "ContactId"),
        JsonValues.Int(root, "PersonId"),
        JsonValues.Text(root, "DatabaseContextIdentifier"))
    {
        UserType = JsonValues.Text(root, "UserType"),
    };
}
