namespace Connector.Core.SuperOffice;

/// <summary>The body of <c>POST Login/api/PartnerSystemUser/Authenticate</c> (PascalCase, as documented).</summary>
public sealed record SystemUserRequest(string SignedSystemToken, string ApplicationToken, string ContextIdentifier, string ReturnTokenType = "JWT")
{
    /// <summary>Holds the client secret: never print it.</summary>
    public override string ToString() => $"{nameof(SystemUserRequest)} for {ContextIdentifier}";
}
