<?php

declare(strict_types=1);

use Magento\Checkout\Model\Session;
use Magento\Csp\Model\Collector\DynamicCollector;
use Magento\Framework\Encryption\EncryptorInterface;
use Magento\Framework\Locale\ResolverInterface;
use Magento\Framework\Stdlib\Cookie\PublicCookieMetadata;
use Magento\Framework\Stdlib\CookieManagerInterface;
use Magento\Framework\View\Element\Context;
use Magento\Sales\Model\Order;
use PHPUnit\Framework\TestCase;
use Psr\Log\LoggerInterface;
use Thankyou\Embed\Block\Tag;
use Thankyou\Embed\Model\Config;
use Thankyou\Embed\Model\OrderMapper;

final class MagentoTagBlockTest extends TestCase
{
    public const CONFIG = [
        'thankyou_embed/general/server_url' => 'https://thankyou.example:8443/',
        'thankyou_embed/general/shop_key' => 'acme',
        'thankyou_embed/general/key_id' => 'k1',
        'thankyou_embed/general/secret' => 'encrypted:top-secret',
        'thankyou_embed/general/test_mode' => '0',
        'thankyou_embed/general/referrals' => '1',
    ];

    public array $logged = [];
    private DynamicCollector $csp;

    private function successPage(array $config, ?Order $order = null): string
    {
        [$scenarioOrder, $history, $categories] = magento_order_from_scenario(scenario('first-order'));
        $test = $this;
        $logger = new class ($test) implements LoggerInterface {
            public function __construct(private MagentoTagBlockTest $test)
            {
            }

            public function warning(string|\Stringable $message, array $context = []): void
            {
                $this->test->logged[] = (string) $message;
            }
        };
        $encryptor = new class () implements EncryptorInterface {
            public function decrypt($data)
            {
                return (string) preg_replace('/^encrypted:/', '', (string) $data);
            }
        };
        $locale = new class () implements ResolverInterface {
            public function getLocale()
            {
                return 'de_DE';
            }
        };
        $cookies = new class () implements CookieManagerInterface {
            public function getCookie($name, $default = null)
            {
                return ['thankyou_ref' => 'friend-7'][$name] ?? $default;
            }

            public function setPublicCookie($name, $value, ?PublicCookieMetadata $metadata = null)
            {
            }
        };
        $this->csp = new DynamicCollector();
        $block = new Tag(
            new Context($logger),
            new Session($order ?? $scenarioOrder),
            new Config(new MagentoScopeConfig(['1' => $config]), $encryptor),
            new OrderMapper($history, $categories),
            $locale,
            $cookies,
            $this->csp
        );

        return $block->toHtml();
    }

    public function testTheSuccessPageGetsTheTagSignedWithTheDecryptedSecret(): void
    {
        $html = $this->successPage(self::CONFIG);

        $this->assertMatchesRegularExpression(
            '#^<script async src="https://thankyou\.example:8443/embed/v1\.js" data-token="([\w-]+)\.([\w-]+)\.([\w-]+)"></script>$#',
            $html
        );
        $token = token_of($html);
        $this->assertSame(hs256($token['signed'], 'top-secret'), $token['signature']);
        $claims = $token['claims'];
        $this->assertSame(['acme', 'de-DE', 'friend-7', '49.90'], [$claims['iss'], $claims['locale'], $claims['referral'], $claims['order']['total']]);
        $this->assertSame([], $this->logged);
    }

    public function testMagentosContentSecurityPolicyAllowsTheServer(): void
    {
        $this->successPage(self::CONFIG);

        $this->assertSame(
            ['script-src', 'connect-src', 'img-src', 'media-src'],
            array_map(static fn ($policy) => $policy->getId(), $this->csp->added)
        );
        foreach ($this->csp->added as $policy) {
            $this->assertSame(['https://thankyou.example:8443'], $policy->getHostSources());
            $this->assertFalse($policy->isNoneAllowed());
        }
    }

    public function testWithoutAnOrderInTheSessionThereIsNoTag(): void
    {
        $this->assertSame('', $this->successPage(self::CONFIG, new Order(['entity_id' => null, 'increment_id' => null])));
        $this->assertSame([], $this->logged);
    }

    public function testWithoutSettingsThePageStaysAsItWasAndTheLogSaysWhy(): void
    {
        $this->assertSame('', $this->successPage(['thankyou_embed/general/secret' => ''] + self::CONFIG));
        $this->assertSame(['Thank-you page left out for order SO-1001: The thank-you page settings are incomplete: secret.'], $this->logged);
        $this->assertSame([], $this->csp->added);
    }

    public function testReferralCodesAreSentOnlyWhenTheSettingsSaySo(): void
    {
        $html = $this->successPage(['thankyou_embed/general/referrals' => '0'] + self::CONFIG);

        $this->assertArrayNotHasKey('referral', token_of($html)['claims']);
    }
}
