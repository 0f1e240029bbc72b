using System.Formats.Asn1;
using WebmailLite.Accounts.Ldap;
using WebmailLite.Recovery;

namespace WebmailLite.Tests.Accounts.Ldap;

public sealed class LdapPasswordPolicyTests
{
    [Fact]
    public void PasswordModifyValue_IsTheRfc3062Sequence_WithTheDnAndTheNewPasswordInUtf8()
    {
        var value = LdapPasswordPolicy.PasswordModifyValue("uid=hdupont,ou=people,dc=ac-test,dc=fr", "Élan été");

        // SEQUENCE { [0] userIdentity, [2] newPasswd }, no oldPasswd: the app's account changes it on the person's behalf.
        var sequence = new AsnReader(value, AsnEncodingRules.BER).ReadSequence();
        Assert.Equal("uid=hdupont,ou=people,dc=ac-test,dc=fr",
            System.Text.Encoding.UTF8.GetString(sequence.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0))));
        Assert.Equal("Élan été", System.Text.Encoding.UTF8.GetString(sequence.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 2))));
        Assert.False(sequence.HasData);
        Assert.Equal(0x30, value[0]);
        Assert.Equal(0x80, value[2]);
    }

    [Theory]
    [InlineData(8, LdapPasswordPolicy.PolicyError.PasswordInHistory, PasswordProblem.RecentlyUsed)]
    [InlineData(7, LdapPasswordPolicy.PolicyError.PasswordTooYoung, PasswordProblem.ChangedTooRecently)]
    [InlineData(6, LdapPasswordPolicy.PolicyError.PasswordTooShort, PasswordProblem.RefusedByDirectory)]
    [InlineData(5, LdapPasswordPolicy.PolicyError.InsufficientPasswordQuality, PasswordProblem.RefusedByDirectory)]
    public void ReadError_TheErrorOfTheResponseControl_ToldAsAProblem(int code, LdapPasswordPolicy.PolicyError error, PasswordProblem problem)
    {
        var control = ResponseControl(warning: true, error: code);

        Assert.Equal(error, LdapPasswordPolicy.ReadError(control));
        Assert.Equal(problem, LdapPasswordPolicy.ProblemOf(LdapPasswordPolicy.ReadError(control)));
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x03, 0x81, 0x01, 0x08 }, LdapPasswordPolicy.PolicyError.PasswordInHistory)]
    [InlineData(new byte[] { 0x30, 0x03, 0x81, 0x01, 0x06 }, LdapPasswordPolicy.PolicyError.PasswordTooShort)]
    [InlineData(new byte[] { 0x30, 0x08, 0xA0, 0x03, 0x81, 0x01, 0x02, 0x81, 0x01, 0x00 }, LdapPasswordPolicy.PolicyError.PasswordExpired)]
    [InlineData(new byte[] { 0x30, 0x05, 0xA0, 0x03, 0x80, 0x01, 0x3C }, null)]
    [InlineData(new byte[] { 0x30, 0x00 }, null)]
    public void ReadError_TheBytesSlapdSends(byte[] value, LdapPasswordPolicy.PolicyError? expected)
    {
        Assert.Equal(expected, LdapPasswordPolicy.ReadError(value));
    }

    [Fact]
    public void PasswordModifyValue_TheExactBytes()
    {
        // SEQUENCE { [0] "uid=a,dc=x", [2] UTF-8 "é1" }: 30 11 | 80 0A … | 82 03 C3 A9 31
        byte[] expected = [0x30, 0x11, 0x80, 0x0A, .. "uid=a,dc=x"u8, 0x82, 0x03, 0xC3, 0xA9, 0x31];

        Assert.Equal(expected, LdapPasswordPolicy.PasswordModifyValue("uid=a,dc=x", "é1"));
    }

    [Fact]
    public void ReadError_NoErrorOrAnUnreadableControl_IsNull_ToldInGeneralTerms()
    {
        Assert.Null(LdapPasswordPolicy.ReadError(ResponseControl(warning: true, error: null)));
        Assert.Null(LdapPasswordPolicy.ReadError([0x30, 0x05, 0x81]));
        Assert.Null(LdapPasswordPolicy.ReadError(null));
        Assert.Equal(PasswordProblem.RefusedByDirectory, LdapPasswordPolicy.ProblemOf(null));
    }

    /// <summary>As OpenLDAP's ppolicy writes it: SEQUENCE { warning [0] { timeBeforeExpiration [0] INTEGER }, error [1] ENUMERATED }.</summary>
    private static byte[] ResponseControl(bool warning, int? error)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            if (warning)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    writer.WriteInteger(3600, new Asn1Tag(TagClass.ContextSpecific, 0));
                }
            }
            if (error is { } code)
            {
                writer.WriteInteger(code, new Asn1Tag(TagClass.ContextSpecific, 1));
            }
        }
        return writer.Encode();
    }
}
