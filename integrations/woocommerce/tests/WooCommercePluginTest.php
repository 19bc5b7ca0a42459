<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\WooCommerce\Plugin;

final class WooCommercePluginTest extends TestCase
{
    private const SETTINGS = [
        'server_url' => 'https://thankyou.example/',
        'shop_key' => 'acme',
        'key_id' => 'k1',
        'secret' => 'top-secret',
        'test_mode' => false,
        'referrals' => true,
    ];

    protected function setUp(): void
    {
        WpStub::reset();
        WpStub::$options['thankyou_embed'] = self::SETTINGS;
        require __DIR__ . '/../thankyou-embed.php';
        $_COOKIE = [];
        $_GET = [];
    }

    /** What the order-received page prints for the order. */
    private static function thankyouPage(int $orderId): string
    {
        ob_start();
        do_action('woocommerce_thankyou', $orderId);

        return ob_get_clean();
    }

    public function testTheOrderReceivedPageGetsTheTagWithTheOrdersSignedClaims(): void
    {
        woocommerce_order_from_scenario(scenario('first-order'));
        $_COOKIE['thankyou_ref'] = 'friend-7';

        $html = self::thankyouPage(1001);

        $this->assertMatchesRegularExpression(
            '#^<script async src="https://thankyou\.example/embed/v1\.js" data-token="[\w-]+\.[\w-]+\.[\w-]+"></script>\n$#',
            $html
        );
        $claims = token_of($html)['claims'];
        $this->assertSame(['acme', 'thankyou', 3600], [$claims['iss'], $claims['aud'], $claims['exp'] - $claims['iat']]);
        $this->assertSame('de-DE', $claims['locale']);
        $this->assertSame('1001', $claims['order']['id']);
        $this->assertSame('14.90', $claims['order']['items'][0]['price']);
        $this->assertSame('Anna', $claims['customer']['first_name']);
        $this->assertSame('friend-7', $claims['referral']);
        $this->assertSame([], WpStub::$logs);
    }

    public function testACspPluginsNonceReachesTheTag(): void
    {
        woocommerce_order_from_scenario(scenario('first-order'));
        add_filter('wp_script_attributes', static function (array $attributes): array {
            return $attributes + ['nonce' => 'r4nd0m'];
        });

        $this->assertStringContainsString(' nonce="r4nd0m"></script>', self::thankyouPage(1001));
    }

    public function testAFailedPaymentGetsNoTag(): void
    {
        woocommerce_order_from_scenario(scenario('first-order'));
        WpStub::$orders[1001] = new WC_Order(['id' => 1001, 'status' => 'failed']);

        $this->assertSame('', self::thankyouPage(1001));
    }

    public function testWithoutCompleteSettingsThePageStaysAsItWasAndTheLogSaysWhy(): void
    {
        woocommerce_order_from_scenario(scenario('first-order'));
        WpStub::$options['thankyou_embed'] = ['secret' => ''] + self::SETTINGS;

        $this->assertSame('', self::thankyouPage(1001));
        $this->assertSame(
            [['warning', 'Thank-you page left out for order 1001: The thank-you page settings are incomplete: secret.']],
            WpStub::$logs
        );
    }

    public function testAnErrorWhileMappingNeverBreaksThePage(): void
    {
        WpStub::$orders[1001] = new WC_Order(['id' => 1001]); // no currency, no items: the getters throw

        $this->assertSame('', self::thankyouPage(1001));
        $this->assertStringStartsWith('Thank-you page left out for order 1001: WC_Order::get_', WpStub::$logs[0][1]);
    }

    /**
     * @runInSeparateProcess
     * @preserveGlobalState disabled
     */
    public function testTheSecretMayComeFromWpConfig(): void
    {
        WpStub::$options['thankyou_embed'] = ['secret' => 'old'] + self::SETTINGS;
        define('THANKYOU_EMBED_SECRET', 'from-wp-config');

        $this->assertSame('from-wp-config', Plugin::options()['secret']);
    }

    public function testReferralCodesAreKeptOnlyWhenTheSettingsSaySo(): void
    {
        $cookies = [];
        $plugin = new Plugin(static function (string $name, string $value, array $options) use (&$cookies): bool {
            $cookies[] = [$name, $value, $options['httponly'], $options['samesite'], $options['secure']];

            return true;
        });
        $_GET = ['ref' => 'friend-7'];
        $plugin->keep_referral();
        WpStub::$options['thankyou_embed']['referrals'] = false;
        $plugin->keep_referral();

        $this->assertSame([['thankyou_ref', 'friend-7', true, 'Lax', true]], $cookies);
    }
}
