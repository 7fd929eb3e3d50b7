namespace Connector.Core.SuperOffice;

/// <summary>One way of obtaining a fresh <see cref="SuperOfficeCredential"/> (refresh-token grant or system user).</summary>
public interface ISuperOfficeSignIn
{
    Task<SuperOfficeCredential> SignInAsync(CancellationToken cancellationToken);
}
