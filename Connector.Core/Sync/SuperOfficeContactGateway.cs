using Connector.Core.SuperOffice;

namespace Connector.Core.Sync;

/// <summary>
/// <see cref="IContactGateway"/> over the SuperOffice REST client: maps the tolerant contact view to
/// <see cref="SyncContact"/> and SuperOffice failures to <see cref="SyncTransientException"/> (429, 5xx, timeouts,
/// tenant unavailable) or <see cref="SyncPermanentException"/> (other 4xx, refused credentials, values that do not fit).
/// </summary>
public sealed class SuperOfficeContactGateway(SuperOfficeClient client) : IContactGateway
{
    public const string SuperOfficeRejected = "SuperOfficeRejected";
    public const string SuperOfficeAuthFailed = "SuperOfficeAuthFailed";
    public const string InvalidValue = "InvalidValue";

    private UdefLayout? _layout;

    public async Task<SyncContact?> GetContactAsync(int contactId, CancellationToken cancellationToken)
    {
        SuperOfficeContact contact;
        try
        {
            contact = await client.GetContactAsync(contactId, cancellationToken).ConfigureAwait(false);
        }
        catch (SuperOfficeApiException e) when (e.IsNotFound)
        {
            return null;
        }
        catch (SuperOfficeApiException e)
        {
            throw Translate(e);
        }

        var layout = await LayoutAsync(cancellationToken).ConfigureAwait(false);
        var udfs = new Dictionary<string, CurrentValue>(StringComparer.OrdinalIgnoreCase);
        var read = contact.UserDefinedFields;
        if (read.UnreadableContainer is not null)
        {
            // Nothing could be read: every known field is unknown (a missing key would otherwise count as empty).
            foreach (var field in layout.Fields)
            {
                udfs[field.ProgId] = CurrentValue.Unknown;
            }
        }
        foreach (var (progId, value) in read.Fields)
        {
            udfs[progId] = CurrentValueOf(layout.Find(progId)?.FieldType ?? UdefFieldType.Unknown, value);
        }
        return new SyncContact
        {
            ContactId = contact.ContactId == 0 ? contactId : contact.ContactId,
            Deleted = contact.Deleted,
            UpdatedDate = contact.UpdatedDate,
            Profile = contact.Profile,
            Udfs = udfs,
            UdfsUnreadable = read.HasProblems,
        };
    }

    public async Task<UdfWriteOutcome> WriteUdfsAsync(int contactId, IReadOnlyList<UdfWrite> writes, CancellationToken cancellationToken)
    {
        try
        {
            await client.WriteUserDefinedFieldsAsync(contactId, writes, cancellationToken).ConfigureAwait(false);
            return UdfWriteOutcome.Written;
        }
        catch (SuperOfficeConflictException)
        {
            return UdfWriteOutcome.Conflict;
        }
        catch (SuperOfficeApiException e)
        {
            throw Translate(e);
        }
    }

    public async Task<IReadOnlyList<UdfTarget>> GetUdfLayoutAsync(CancellationToken cancellationToken) =>
        (await LayoutAsync(cancellationToken).ConfigureAwait(false)).Fields
        .Select(f => new UdfTarget(f.ProgId, f.Label, f.FieldTypeName, f.TextLength))
        .ToArray();

    public string Encode(UdfTarget target, string value)
    {
        var type = Enum.TryParse<UdefFieldType>(target.FieldType, ignoreCase: true, out var parsed) ? parsed : UdefFieldType.Unknown;
        try
        {
            return UserDefinedFieldsWriter.Encode(new UdefField(target.ProgId, target.Label, type, target.FieldType, target.TextLength), value);
        }
        catch (FormatException e)
        {
            throw new SyncPermanentException(InvalidValue, e.Message, e);
        }
    }

    private async Task<UdefLayout> LayoutAsync(CancellationToken cancellationToken)
    {
        if (_layout is { } cached)
        {
            return cached;
        }
        try
        {
            return _layout = await client.GetContactUdefLayoutAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SuperOfficeApiException e)
        {
            throw Translate(e);
        }
    }

    private static Exception Translate(SuperOfficeApiException e) => e switch
    {
        { IsTransient: true } => new SyncTransientException(e.Message, e.RetryAfter, e),
        SuperOfficeAuthenticationException => new SyncPermanentException(SuperOfficeAuthFailed, e.Message, e),
        _ => new SyncPermanentException(SuperOfficeRejected, e.Message, e),
    };

    /// <summary>
    /// A UDF's value for the diff. A value that means "empty" for its type (<c>0</c> in a number, list item 0) is empty
    /// but keeps its text, so that writing that same value again is seen as no change.
    /// </summary>
    internal static CurrentValue CurrentValueOf(UdefFieldType type, UdfValue value) => value.Kind switch
    {
        UdfValueKind.Value when UdfEncoding.IsEmptyFor(type, value.Text) => new CurrentValue(CurrentValueKind.Empty, value.Text, value.Stored),
        UdfValueKind.Value => new CurrentValue(CurrentValueKind.Value, value.Text, value.Stored),
        UdfValueKind.Empty => CurrentValue.Empty with { Stored = value.Stored },
        _ => CurrentValue.Unknown,
    };
}
