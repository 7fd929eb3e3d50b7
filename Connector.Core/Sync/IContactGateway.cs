using Connector.Core.SuperOffice;

namespace Connector.Core.Sync;

/// <summary>
/// The SuperOffice side of the sync cycle (implemented over the REST client). Errors come out as
/// <see cref="SyncTransientException"/> (retry later) or <see cref="SyncPermanentException"/> (end the job).
/// </summary>
public interface IContactGateway
{
    /// <summary>The contact, or null when it does not exist.</summary>
    Task<SyncContact?> GetContactAsync(int contactId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the given UDFs (encoded values) and nothing else, all or none: when a field with
    /// <see cref="UdfWrite.Expected"/> no longer holds that value, nothing is written and the answer is
    /// <see cref="UdfWriteOutcome.Conflict"/>.
    /// </summary>
    Task<UdfWriteOutcome> WriteUdfsAsync(int contactId, IReadOnlyList<UdfWrite> writes, CancellationToken cancellationToken);

    Task<IReadOnlyList<UdfTarget>> GetUdfLayoutAsync(CancellationToken cancellationToken);

    /// <summary>The value as the UDF stores it (per type), cut to the field's length with a marker.</summary>
    string Encode(UdfTarget target, string value);
}
