namespace Connector.Core.Configuration;

/// <summary>How the client writes contact UDFs (setting <c>SuperOffice:UdfWriteMode</c>).</summary>
public enum UdfWriteMode
{
    /// <summary><c>PATCH Contact/{id}</c> with a merge patch of <c>UserDefinedFields</c>.</summary>
    Patch,
    /// <summary><c>GET Contact/{id}</c>, change the UDFs, <c>PUT Contact/{id}</c> (for a tenant that rejects the patch).</summary>
    Put,
}
