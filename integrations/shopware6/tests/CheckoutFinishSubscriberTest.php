<?php

declare(strict_types=1);

use Psr\Log\LoggerInterface;
use Shopware\Core\Checkout\Order\OrderEntity;
use Shopware\Core\Framework\DataAbstractionLayer\Search\Criteria;
use Shopware\Core\System\SystemConfig\SystemConfigService;
use Shopware\Storefront\Page\Checkout\Finish\CheckoutFinishPage;
use Shopware\Storefront\Page\Checkout\Finish\CheckoutFinishPageLoadedEvent;
use Shopware\Storefront\Page\Checkout\Finish\CheckoutFinishPageOrderCriteriaEvent;
use Symfony\Component\HttpFoundation\Request;
use PHPUnit\Framework\TestCase;
use Thankyou\Shopware\OrderMapper;
use Thankyou\Shopware\Subscriber\CheckoutFinishSubscriber;

final class CheckoutFinishSubscriberTest extends TestCase
{
    private const CONFIG = [
        'ThankyouEmbed.config.serverUrl' => 'https://thankyou.example',
        'ThankyouEmbed.config.shopKey' => 'acme',
        'ThankyouEmbed.config.keyId' => 'k1',
        'ThankyouEmbed.config.secret' => 'top-secret',
        'ThankyouEmbed.config.testMode' => true,
        'ThankyouEmbed.config.referrals' => true,
    ];

    /** @var list<array{0: string, 1: array}> */
    private array $logged = [];

    private function subscriber(array $config, array $scenario): array
    {
        [$order, $context, $history] = shopware_order_from_scenario($scenario);
        $logger = new class ($this->logged) implements LoggerInterface {
            public function __construct(private array &$logged)
            {
            }

            public function warning(string|\Stringable $message, array $context = []): void
            {
                $this->logged[] = [(string) $message, $context];
            }
        };
        $subscriber = new CheckoutFinishSubscriber(new SystemConfigService(['channel-1' => $config]), new OrderMapper($history), $logger);

        return [$subscriber, $order, $context];
    }

    private function finishPage(array $config, bool $paymentFailed = false, array $scenario = null): ?string
    {
        [$subscriber, $order, $context] = $this->subscriber($config, $scenario ?? scenario('first-order'));
        $page = new CheckoutFinishPage($order, $paymentFailed);
        $request = new Request([], [], ['_cspNonce' => 'r4nd0m'], ['thankyou_ref' => 'friend-7']);
        $subscriber->addTag(new CheckoutFinishPageLoadedEvent($page, $context, $request));

        return $page->getExtension(CheckoutFinishSubscriber::EXTENSION)?->get('tag');
    }

    public function testTheFinishPageGetsTheTagWithTheSalesChannelsSettingsAndThePagesNonce(): void
    {
        $tag = $this->finishPage(self::CONFIG);

        $this->assertMatchesRegularExpression(
            '#^<script async src="https://thankyou\.example/embed/v1\.js" data-token="[\w-]+\.[\w-]+\.[\w-]+" nonce="r4nd0m"></script>$#',
            $tag
        );
        ['header' => $header, 'claims' => $payload] = token_of($tag);
        $this->assertSame('k1', $header['kid']);
        $this->assertSame(['acme', true, 'de-DE', 'friend-7'], [$payload['iss'], $payload['test'], $payload['locale'], $payload['referral']]);
        $this->assertSame('49.90', $payload['order']['total']);
        $this->assertSame([], $this->logged);
    }

    public function testAFailedPaymentGetsNoTag(): void
    {
        $this->assertNull($this->finishPage(self::CONFIG, true));
    }

    public function testWithoutSettingsThePageStaysAsItWasAndTheLogSaysWhy(): void
    {
        $this->assertNull($this->finishPage(['ThankyouEmbed.config.serverUrl' => 'https://thankyou.example']));
        $this->assertSame([[
            'Thank-you page left out for order {order}: {error}',
            ['order' => 'SO-1001', 'error' => 'The thank-you page settings are incomplete: shop_key, secret.'],
        ]], $this->logged);
    }

    public function testReferralCodesAreSentOnlyWhenTheSettingsSaySo(): void
    {
        $tag = $this->finishPage(['ThankyouEmbed.config.referrals' => false] + self::CONFIG);

        $this->assertArrayNotHasKey('referral', token_of($tag)['claims']);
    }

    public function testTheFinishPageLoadsWhatTheClaimsNeed(): void
    {
        [$subscriber] = $this->subscriber(self::CONFIG, scenario('first-order'));
        $criteria = new Criteria();
        $subscriber->loadWhatTheClaimsNeed(new CheckoutFinishPageOrderCriteriaEvent($criteria));

        $this->assertSame(['currency', 'language.locale', 'lineItems.product.categories'], $criteria->associations);
        $this->assertSame(
            [CheckoutFinishPageOrderCriteriaEvent::class => 'loadWhatTheClaimsNeed', CheckoutFinishPageLoadedEvent::class => 'addTag'],
            CheckoutFinishSubscriber::getSubscribedEvents()
        );
    }
}
