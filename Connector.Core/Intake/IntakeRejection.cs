namespace Connector.Core.Intake;

/// <summary>Why a delivery was refused; nothing was written for it.</summary>
public enum IntakeRejection
{
    /// <summary>A secret is configured and the signature header is missing.</summary>
    MissingSignature,
    /// <summary>The signature does not match the body under any configured secret.</summary>
    InvalidSignature,
    /// <summary>The body is not a webhook payload we can read.</summary>
    InvalidPayload,
    /// <summary>The event is from another tenant than the configured one.</summary>
    ForeignTenant,
}
