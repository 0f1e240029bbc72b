using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Settings;

namespace WebmailLite.Tests.Storage;

/// <summary>
/// What is already stored must stay readable: the keys and MACs below are pinned to values computed outside .NET
/// (Python's hashlib and hmac) from the formulas the code had before attempt limits, hashing and MACs were gathered in
/// one place each. A change here loses live counters, grants and codes at the next deployment.
/// </summary>
public sealed class StoredKeysTests : IDisposable
{
    private const string Sha256OfCmartin = "E93C08FD235F7220BB6234200A42904A0D509934627FA9F280CCBEF188ADEC16";
    private const string Sha256OfCamilleMartin = "D77E3F1B33DDD4F444072A07921774D84F39AC9F6AC9D58ABA988407BC7631E1";
    private const string Sha256OfBackupAddress = "64F1027A60B4769D9BC3BF5923F4AD4581E2F00C075C217022A70E5B1EB54BE3";

    /// <summary>The recovery secret of these tests: the bytes 0, 1, …, 31.</summary>
    private static readonly byte[] KnownKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private List<string> AttemptKeys() => [.. _database.Collection<LiteDbAttemptStore.Attempt>("attempts").FindAll().Select(a => a.Key)];

    private RecoverySecret SecretWithKnownKey()
    {
        var protection = new EphemeralDataProtectionProvider();
        var protector = protection.CreateProtector("WebmailLite.Recovery.Secret.v1");
        _database.Collection<LiteDbRecoverySecretStore.StoredSecret>("recovery_secret")
            .Insert(new LiteDbRecoverySecretStore.StoredSecret { Id = "hmac", Protected = protector.Protect(KnownKey) });
        return new RecoverySecret(new LiteDbRecoverySecretStore(_database), protection);
    }

    [Fact]
    public void HashedKey_IsTheUpperCaseHexSha256_OfTheUtf8Text()
    {
        Assert.Equal(Sha256OfCmartin, HashedKey.Of("cmartin"));
        Assert.Equal("57525D495210028DF7D1EB081429A68251FE7ECB73DA6C3F16D4CAE8DFCEFC26", HashedKey.Of("session-id-0123"));
    }

    [Fact]
    public async Task SignInFailures_AreCountedUnderTheKeysOfBefore()
    {
        var directory = new FakeDirectory();
        var options = Options.Create(new SignInThrottleOptions());
        var signIn = new SignInService(new FakeMailService(directory), new AttemptLimiter(new LiteDbAttemptStore(_database, _clock)),
            new DeviceTokens(new EphemeralDataProtectionProvider(), options, _clock), options);

        await signIn.SignInAsync(" CMartin ", "pas le bon", IPAddress.Parse("192.0.2.7"), CancellationToken.None);

        Assert.Equal(["signin:id:" + Sha256OfCmartin, "signin:ip:192.0.2.7"], AttemptKeys());
    }

    [Fact]
    public void RecoveryAttempts_AreCountedUnderTheKeysOfBefore()
    {
        var throttle = new RecoveryThrottle(new AttemptLimiter(new LiteDbAttemptStore(_database, _clock)), Options.Create(new RecoveryOptions()));

        throttle.Record(RecoveryStep.CodeRequest, "Camille.Martin", IPAddress.Parse("2a01:cb00::1"));
        throttle.Record(RecoveryStep.WrongCode, "camille.martin", null);
        throttle.RecordBackupCode("camille.martin", IPAddress.Parse("192.0.2.7"), "Camille.Perso@LaPoste.net");

        Assert.Equal(
        [
            "recovery:CodeRequest:id:" + Sha256OfCamilleMartin,
            "recovery:CodeRequest:ip:2a01:cb00::1",
            // Wrong codes: per address only.
            "recovery:WrongCode:ip:unknown",
            "recovery:BackupAddressRequest:id:" + Sha256OfCamilleMartin,
            "recovery:BackupAddressRequest:ip:192.0.2.7",
            "enrolment:backup-to:" + Sha256OfBackupAddress,
        ], AttemptKeys());
    }

    [Fact]
    public void RecoverySecret_Macs_AreTheHmacSha256OfTheLengthPrefixedParts()
    {
        var secret = SecretWithKnownKey();

        Assert.Equal("7D349603CE2B1E06E0CA437631FADC591DC5562FDF8F232DFA8253114785F5A8", Convert.ToHexString(secret.Mac("grant", "token")));
        Assert.Equal("11D552BAC3561BAD667B922D7FD81517697452110720007582DA63B63F1BCBDC", Convert.ToHexString(secret.Mac("decoy-owner", "camille.martin")));
        Assert.Equal("2913DA4CF23202711B6AC52586656D75BD5B24AA78E2BBF078D14435111F6379", Convert.ToHexString(secret.Mac("grant", "jeton-é")));
    }

    [Fact]
    public void AGrantStoredBefore_IsStillFound_ByItsToken()
    {
        var grants = new LiteDbResetGrantStore(_database, SecretWithKnownKey(), _clock);
        _database.Collection<ResetGrant>("recovery_grants").Insert(new ResetGrant
        {
            Id = "7D349603CE2B1E06E0CA437631FADC591DC5562FDF8F232DFA8253114785F5A8",
            Owner = "camille.martin",
            Method = RecoveryMethod.ContactMail,
            ExpiresAt = _clock.GetUtcNow().UtcDateTime.AddMinutes(10),
        });

        Assert.NotNull(grants.Find("token", "Camille.Martin"));
    }

    [Fact]
    public void ACodeStoredBefore_IsStillRight()
    {
        var codes = new LiteDbRecoveryCodeStore(_database, SecretWithKnownKey(), _clock, Options.Create(new RecoveryOptions()));
        _database.Collection<LiteDbRecoveryCodeStore.StoredCode>("recovery_codes").Insert(new LiteDbRecoveryCodeStore.StoredCode
        {
            Owner = "camille.martin",
            Purpose = CodePurpose.PasswordReset,
            Method = RecoveryMethod.ContactMail,
            Salt = [.. Enumerable.Repeat((byte)0xAA, 16)],
            Mac = Convert.FromHexString("D205A4FEF095F5998D3B8548153B7FC96A86870455B6052BA8CBE7571EF97C27"),
            CreatedAt = _clock.GetUtcNow().UtcDateTime,
            ExpiresAt = _clock.GetUtcNow().UtcDateTime.AddMinutes(10),
        });

        Assert.True(codes.Check("camille.martin", CodePurpose.PasswordReset, "1234 5678").IsValid);
    }
}
