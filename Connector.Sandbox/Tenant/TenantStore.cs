using System.Text.Json.Nodes;

namespace Connector.Sandbox.Tenant;

/// <summary>A contact was created or changed; the webhook dispatcher turns it into deliveries.</summary>
public sealed record ContactEvent(string Event, int ContactId, IReadOnlyList<string> Changes, int ChangedByAssociateId);

/// <summary>The tenant's data: companies, sales and webhooks, behind one lock.</summary>
public sealed class TenantStore
{
    /// <summary>Every column of a contact.created event (docs/superoffice/webhooks.md).</summary>
    public static readonly string[] CreatedColumns =
    [
        "contact_id", "activeErpLinks", "activeInterests", "associate_id", "business_idx", "category_idx", "country_id",
        "dbi_agent_id", "dbi_key", "dbi_last_modified", "dbi_last_syncronized", "deleted", "department", "group_id",
        "kananame", "mother_id", "name", "nomailing", "number1", "number2", "orgNr", "registered_associate_id",
        "registered", "soundEx", "source", "supportAssociateId", "supportLanguageId", "supportPersonId", "text_id",
        "ticketPriorityId", "tzLocationId", "updated_associate_id", "updated", "updatedCount", "userdef_id",
        "userdef2_id", "xstop",
    ];

    private readonly object _gate = new();
    private readonly SandboxOptions _options;
    private readonly Func<string> _apiBaseUrl;
    private readonly Dictionary<int, ContactRecord> _contacts;
    private readonly Dictionary<int, WebhookRecord> _webhooks = [];
    private List<Sale>? _sales;
    private int _nextContactId;
    private int _nextWebhookId = 1;

    public TenantStore(SandboxOptions options, Func<string> apiBaseUrl)
    {
        _options = options;
        _apiBaseUrl = apiBaseUrl;
        _contacts = SeedData.Companies(options.CompanyCount, options.RandomSeed).ToDictionary(c => c.ContactId);
        _nextContactId = options.CompanyCount + 1;
        if (!options.LargeSales)
        {
            _sales = SeedData.Sales(options.SaleCount, options.CompanyCount, options.RandomSeed);
        }
    }

    public event Action<ContactEvent>? ContactEventRaised;

    // ---- contacts ----

    public IReadOnlyList<ContactRecord> Contacts()
    {
        lock (_gate)
        {
            return [.. _contacts.Values.OrderBy(c => c.ContactId)];
        }
    }

    public JsonObject? ContactJsonOf(int id, Func<int, UdfShape> udfShapeOf)
    {
        lock (_gate)
        {
            return _contacts.TryGetValue(id, out var record) ? ContactJson.ToJson(record, _apiBaseUrl(), udfShapeOf(id)) : null;
        }
    }

    public string? ContactName(int id)
    {
        lock (_gate)
        {
            return _contacts.TryGetValue(id, out var record) ? record.Data.Name : null;
        }
    }

    public JsonObject CreateContact(JsonObject body, int associateId)
    {
        JsonObject result;
        int id;
        lock (_gate)
        {
            var empty = new ContactData
            {
                Udfs = UdfLayout.Fields.ToDictionary(f => f.ProgId, UdfLayout.EmptyValue),
            };
            var data = ContactJson.Read(body, empty);
            if (string.IsNullOrWhiteSpace(data.Name))
            {
                throw new ApiError(400, "Validation", "A company needs a Name.");
            }
            id = _nextContactId++;
            var record = new ContactRecord(id, data, Now(), associateId);
            _contacts[id] = record;
            result = ContactJson.ToJson(record, _apiBaseUrl());
        }
        ContactEventRaised?.Invoke(new ContactEvent("contact.created", id, CreatedColumns, associateId));
        return result;
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to the contact's well-formed document and stores the result. A change that
    /// changes no contact column bumps nothing and raises no event.
    /// </summary>
    public JsonObject UpdateContact(int id, Action<JsonObject> patch, int associateId, DateTimeOffset? ifUnmodifiedSince = null)
    {
        ContactEvent? raised = null;
        JsonObject result;
        lock (_gate)
        {
            if (!_contacts.TryGetValue(id, out var record))
            {
                throw new ApiError(404, "NotFound", $"Contact {id} does not exist.");
            }
            if (ifUnmodifiedSince is { } since && TruncateToSeconds(record.Updated) > since.UtcDateTime)
            {
                throw new ApiError(412, "PreconditionFailed", "ContactEntity has changed since the requested If-Unmodified-Since timestamp.");
            }
            var document = ContactJson.ToJson(record, _apiBaseUrl());
            var original = (JsonObject)document.DeepClone();
            patch(document);
            MarkRemovals(original, document);
            var data = ContactJson.Read(document, record.Data);
            var changes = record.Data.ChangedColumns(data);
            if (changes.Count == 0 && record.Data.RelatedRowsDiffer(data))
            {
                // Only rows of other tables changed (a web address, say): contact events fire when a contact row
                // changes, so none fires and the contact row keeps its updated stamp (UNCONFIRMED).
                record.Data = data;
            }
            if (changes.Count > 0)
            {
                record.Data = data;
                record.Updated = Now();
                record.UpdatedAssociateId = associateId;
                record.UpdatedCount++;
                raised = new ContactEvent("contact.changed", id,
                    ["contact_id", .. changes, "updated", "updated_associate_id", "updatedCount"], associateId);
            }
            result = ContactJson.ToJson(record, _apiBaseUrl());
        }
        if (raised is not null)
        {
            ContactEventRaised?.Invoke(raised);
        }
        return result;
    }

    /// <summary>A removed property clears the field (null) and a removed UDF empties it.</summary>
    private static void MarkRemovals(JsonObject original, JsonObject patched)
    {
        foreach (var (key, _) in original)
        {
            if (ContactJson.Get(patched, key) is null && !patched.Any(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)))
            {
                patched[key] = null;
            }
        }
        if (original["UserDefinedFields"] is JsonObject before && ContactJson.Get(patched, "UserDefinedFields") is JsonObject after)
        {
            foreach (var (key, _) in before)
            {
                if (!after.Any(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)))
                {
                    after[key] = "";
                }
            }
        }
    }

    private static DateTime TruncateToSeconds(DateTime value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static DateTime Now() => DateTime.UtcNow;

    // ---- sales ----

    /// <summary>All sales (the 100,000-sale set is generated here, on first use, when LargeSales is set).</summary>
    public IReadOnlyList<Sale> Sales()
    {
        lock (_gate)
        {
            _sales ??= SeedData.Sales(100_000, _options.CompanyCount, _options.RandomSeed);
            return [.. _sales];
        }
    }

    public Sale? SaleById(int id)
    {
        lock (_gate)
        {
            _sales ??= SeedData.Sales(100_000, _options.CompanyCount, _options.RandomSeed);
            return _sales.FirstOrDefault(s => s.SaleId == id);
        }
    }

    public IReadOnlyList<int> AddSales(IEnumerable<Func<int, Sale>> factories)
    {
        lock (_gate)
        {
            _sales ??= SeedData.Sales(100_000, _options.CompanyCount, _options.RandomSeed);
            var ids = new List<int>();
            foreach (var factory in factories)
            {
                var sale = factory(_sales.Count == 0 ? 1 : _sales.Max(s => s.SaleId) + 1);
                _sales.Add(sale);
                ids.Add(sale.SaleId);
            }
            return ids;
        }
    }

    public void DeleteSales()
    {
        lock (_gate)
        {
            _sales = [];
        }
    }

    // ---- webhooks ----

    public IReadOnlyList<WebhookRecord> Webhooks()
    {
        lock (_gate)
        {
            return [.. _webhooks.Values.OrderBy(w => w.WebhookId)];
        }
    }

    public WebhookRecord? Webhook(int id)
    {
        lock (_gate)
        {
            return _webhooks.GetValueOrDefault(id);
        }
    }

    /// <summary>An id for a webhook being registered (its test event carries it before it is stored).</summary>
    public int ReserveWebhookId() => Interlocked.Increment(ref _nextWebhookId) - 1;

    public void AddWebhook(WebhookRecord webhook)
    {
        lock (_gate)
        {
            _webhooks[webhook.WebhookId] = webhook;
        }
    }

    public bool DeleteWebhook(int id)
    {
        lock (_gate)
        {
            return _webhooks.Remove(id);
        }
    }

    /// <summary>Runs <paramref name="change"/> on a webhook under the store's lock.</summary>
    public T? WithWebhook<T>(int id, Func<WebhookRecord, T> change)
    {
        lock (_gate)
        {
            return _webhooks.TryGetValue(id, out var webhook) ? change(webhook) : default;
        }
    }
}
