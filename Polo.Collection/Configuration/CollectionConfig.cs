using System.Text.RegularExpressions;
using Quartz;

namespace Polo.Collection.Configuration;

/// <summary>One (account, region) pair the per-account collectors visit.</summary>
public sealed record AccountRegion(AccountOptions Account, string Region);

/// <summary>
/// The collection configuration after validation: what is usable and, in plain words, what is not. Problems never
/// stop the app; they disable what they concern and are shown on the status page.
/// </summary>
public sealed class CollectionConfig
{
    private static readonly Regex AccountIdPattern = new(@"^\d{12}$", RegexOptions.Compiled);
    private static readonly Regex RoleArnPattern = new(@"^arn:aws[a-z-]*:iam::(\d{12}):role/[\w+=,.@/-]{1,512}$", RegexOptions.Compiled);
    private static readonly Regex RegionPattern = new(@"^[a-z]{2}(-[a-z]+)+-\d$", RegexOptions.Compiled);

    public CollectionOptions Options { get; }
    public IReadOnlyList<AccountOptions> Accounts { get; }
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The problems besides "no accounts configured" (which the status page shows as its own notice).</summary>
    public IReadOnlyList<string> SettingProblems { get; }

    /// <summary>Valid cron schedules by collector name.</summary>
    public IReadOnlyDictionary<string, string> Schedules { get; }

    public bool AccountsConfigured => Accounts.Count > 0;

    public int MaxParallel => Math.Clamp(Options.MaxParallelAccounts, 1, 64);

    private CollectionConfig(CollectionOptions options, List<AccountOptions> accounts, Dictionary<string, string> schedules,
        List<string> problems)
    {
        Options = options;
        Accounts = accounts;
        Schedules = schedules;
        Problems = problems;
        SettingProblems = options.Accounts.Count == 0 ? problems.Skip(1).ToList() : problems;
    }

    public IReadOnlyList<string> RegionsOf(AccountOptions account) =>
        account.Regions.Count > 0 ? account.Regions : Options.DefaultRegions;

    public IEnumerable<AccountRegion> Units() =>
        Accounts.SelectMany(a => RegionsOf(a).Select(r => new AccountRegion(a, r)));

    public string? ScheduleOf(string collector) => Schedules.GetValueOrDefault(collector);

    public static CollectionConfig From(CollectionOptions options)
    {
        var problems = new List<string>();
        var accounts = new List<AccountOptions>();
        var seen = new HashSet<string>();

        if (options.Accounts.Count == 0)
            problems.Add("No AWS accounts are configured (Collection:Accounts), so the per-account collectors are disabled.");

        foreach (var (account, i) in options.Accounts.Select((a, i) => (a, i)))
        {
            var label = string.IsNullOrWhiteSpace(account.Name) ? $"Collection:Accounts:{i}" : $"account '{account.Name}'";
            var before = problems.Count;
            if (!AccountIdPattern.IsMatch(account.AccountId ?? ""))
                problems.Add($"{label}: AccountId '{account.AccountId}' is not a 12-digit AWS account id; the account is skipped.");
            else if (!seen.Add(account.AccountId!))
                problems.Add($"{label}: account {account.AccountId} is configured twice; the second entry is skipped.");
            if (!string.IsNullOrWhiteSpace(account.RoleArn))
            {
                var m = RoleArnPattern.Match(account.RoleArn.Trim());
                if (!m.Success)
                    problems.Add($"{label}: RoleArn '{account.RoleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/Name); the account is skipped.");
                else if (m.Groups[1].Value != account.AccountId)
                    problems.Add($"{label}: RoleArn '{account.RoleArn}' belongs to account {m.Groups[1].Value}, not {account.AccountId}; the account is skipped.");
            }
            foreach (var region in account.Regions.Where(r => !RegionPattern.IsMatch(r ?? "")))
                problems.Add($"{label}: '{region}' is not an AWS region name (e.g. us-east-1); the account is skipped.");
            if (problems.Count == before) accounts.Add(account);
        }

        if (options.DefaultRegions.Count == 0) options.DefaultRegions = [CollectionOptions.FallbackRegion];
        foreach (var account in accounts) account.Regions = account.Regions.Distinct(StringComparer.Ordinal).ToList();
        var defaults = options.DefaultRegions.Where(r => RegionPattern.IsMatch(r ?? "")).Distinct(StringComparer.Ordinal).ToList();
        foreach (var bad in options.DefaultRegions.Where(r => !RegionPattern.IsMatch(r ?? "")))
            problems.Add($"Collection:DefaultRegions: '{bad}' is not an AWS region name; it is ignored.");
        options.DefaultRegions = defaults;
        if (defaults.Count == 0 && accounts.Any(a => a.Regions.Count == 0))
        {
            problems.Add("Collection:DefaultRegions is empty, and some accounts list no regions of their own; those accounts are skipped.");
            accounts.RemoveAll(a => a.Regions.Count == 0);
        }

        if (options.MaxParallelAccounts < 1)
            problems.Add($"Collection:MaxParallelAccounts must be at least 1 (was {options.MaxParallelAccounts}); 1 is used.");

        var schedules = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (collector, cron) in options.Schedules)
        {
            if (string.IsNullOrWhiteSpace(cron)) continue;
            var error = CronError(cron);
            if (error == null) schedules[collector] = cron.Trim();
            else problems.Add($"Collection:Schedules:{collector}: '{cron}' is not a valid Quartz cron expression ({error}); the collector runs only on demand.");
        }

        foreach (var (service, url) in options.ServiceUrls)
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                problems.Add($"Collection:ServiceUrls:{service}: '{url}' is not an http(s) URL; the SDK's own endpoint is used.");
        foreach (var bad in options.ServiceUrls.Where(kv => !Uri.TryCreate(kv.Value, UriKind.Absolute, out _)).ToList())
            options.ServiceUrls.Remove(bad.Key);

        return new CollectionConfig(options, accounts, schedules, problems);
    }

    /// <summary>Why a cron expression is invalid, or null when it is valid.</summary>
    public static string? CronError(string cron)
    {
        try
        {
            _ = new CronExpression(cron.Trim());
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>The next time a cron schedule fires after <paramref name="after"/>, or null.</summary>
    public static DateTimeOffset? NextFire(string cron, DateTimeOffset after)
    {
        try
        {
            return new CronExpression(cron).GetNextValidTimeAfter(after);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
