<?php

declare(strict_types=1);

namespace Thankyou\Shopware\Subscriber;

use Psr\Log\LoggerInterface;
use Shopware\Core\Framework\Struct\ArrayStruct;
use Shopware\Core\PlatformRequest;
use Shopware\Core\System\SystemConfig\SystemConfigService;
use Shopware\Storefront\Page\Checkout\Finish\CheckoutFinishPageLoadedEvent;
use Shopware\Storefront\Page\Checkout\Finish\CheckoutFinishPageOrderCriteriaEvent;
use Symfony\Component\EventDispatcher\EventSubscriberInterface;
use Thankyou\Common\Embed;
use Thankyou\Common\Referral;
use Thankyou\Common\Settings;
use Thankyou\Shopware\OrderMapper;

/**
 * Puts the thank-you page's tag on the checkout finish page (the template
 * extension prints it below the order's details).
 */
final class CheckoutFinishSubscriber implements EventSubscriberInterface
{
    /** The page extension the template reads. */
    public const EXTENSION = 'thankyouEmbed';

    public const CONFIG = 'ThankyouEmbed.config.';

    public function __construct(
        private readonly SystemConfigService $config,
        private readonly OrderMapper $mapper,
        private readonly LoggerInterface $logger
    ) {
    }

    public static function getSubscribedEvents(): array
    {
        return [
            CheckoutFinishPageOrderCriteriaEvent::class => 'loadWhatTheClaimsNeed',
            CheckoutFinishPageLoadedEvent::class => 'addTag',
        ];
    }

    /** The finish page loads line items and deliveries; the claims need a little more. */
    public function loadWhatTheClaimsNeed(CheckoutFinishPageOrderCriteriaEvent $event): void
    {
        $event->getCriteria()
            ->addAssociation('currency')
            ->addAssociation('language.locale')
            ->addAssociation('lineItems.product.categories');
    }

    /**
     * Adds the tag for the page's order. Never breaks the page: whatever goes
     * wrong is logged and the tag left out.
     */
    public function addTag(CheckoutFinishPageLoadedEvent $event): void
    {
        $page = $event->getPage();
        $order = $page->getOrder();
        try {
            if ($page->isPaymentFailed()) {
                return;
            }
            $context = $event->getSalesChannelContext();
            $channel = $context->getSalesChannelId();
            $settings = new Settings(
                (string) $this->config->get(self::CONFIG . 'serverUrl', $channel),
                (string) $this->config->get(self::CONFIG . 'shopKey', $channel),
                (string) $this->config->get(self::CONFIG . 'keyId', $channel),
                (string) $this->config->get(self::CONFIG . 'secret', $channel),
                (bool) $this->config->get(self::CONFIG . 'testMode', $channel)
            );
            [$orderData, $customer] = $this->mapper->map($order, $context);
            $request = $event->getRequest();
            $tag = (new Embed($settings))->tag($orderData, $customer, [
                'locale' => OrderMapper::locale($order),
                'referral' => $this->config->get(self::CONFIG . 'referrals', $channel)
                    ? Referral::fromCookies($request->cookies->all())
                    : null,
                'nonce' => $request->attributes->get(PlatformRequest::ATTRIBUTE_CSP_NONCE),
            ]);
            $page->addExtension(self::EXTENSION, new ArrayStruct(['tag' => $tag]));
        } catch (\Throwable $error) {
            $this->logger->warning('Thank-you page left out for order {order}: {error}', [
                'order' => $order->getOrderNumber(),
                'error' => $error->getMessage(),
            ]);
        }
    }
}
