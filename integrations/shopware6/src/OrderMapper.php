<?php

declare(strict_types=1);

namespace Thankyou\Shopware;

use Shopware\Core\Checkout\Order\Aggregate\OrderLineItem\OrderLineItemEntity;
use Shopware\Core\Checkout\Order\OrderEntity;
use Shopware\Core\System\SalesChannel\SalesChannelContext;
use Thankyou\Common\History;

/**
 * A Shopware order and its customer as the shared library's neutral arrays,
 * read through the entities' getters. The finish page loads the order with
 * its line items, deliveries (address with country, shipping method) and,
 * through CheckoutFinishSubscriber, its currency, language and products'
 * categories.
 */
final class OrderMapper
{
    /** LineItem::PRODUCT_LINE_ITEM_TYPE: promotions, credits and containers are not purchases. */
    private const PRODUCT = 'product';

    public function __construct(private readonly HistorySource $history)
    {
    }

    /**
     * The order and the customer for Claims::build. Item prices are per
     * unit as the order shows them (gross or net by its tax status); the
     * category is the name of the product's first one, in the order's language.
     *
     * @return array{0: array<string, mixed>, 1: array<string, mixed>}
     */
    public function map(OrderEntity $order, SalesChannelContext $context): array
    {
        $items = [];
        foreach ($order->getLineItems() ?? [] as $lineItem) {
            if ($lineItem->getType() !== self::PRODUCT) {
                continue;
            }
            $items[] = [
                'sku' => $lineItem->getPayload()['productNumber'] ?? null,
                'name' => $lineItem->getLabel(),
                'category' => self::category($lineItem),
                'quantity' => $lineItem->getQuantity(),
                'price' => $lineItem->getUnitPrice(),
            ];
        }
        $delivery = $order->getDeliveries()?->first();
        $shippingMethod = $delivery?->getShippingMethod();
        $data = [
            'id' => $order->getId(),
            'number' => $order->getOrderNumber(),
            'created_at' => $order->getOrderDateTime(),
            'currency' => $order->getCurrency()?->getIsoCode(),
            'total' => $order->getAmountTotal(),
            'items' => $items,
            'shipping' => [
                'country' => $delivery?->getShippingOrderAddress()?->getCountry()?->getIso(),
                'method' => $shippingMethod?->getTranslation('name') ?? $shippingMethod?->getName(),
            ],
        ];
        $orderCustomer = $order->getOrderCustomer();
        $customer = [
            'id' => $orderCustomer?->getCustomerNumber(),
            'first_name' => $orderCustomer?->getFirstName(),
            'email' => $orderCustomer?->getEmail(),
            'is_guest' => $context->getCustomer()?->getGuest(),
            'newsletter' => $this->history->isSubscribed($order, $context),
        ] + History::summarise($this->history->pastOrders($order, $context), $data);

        return [$data, $customer];
    }

    /** The order's locale, e.g. "de-DE". */
    public static function locale(OrderEntity $order): ?string
    {
        return $order->getLanguage()?->getLocale()?->getCode();
    }

    private static function category(OrderLineItemEntity $lineItem): ?string
    {
        $category = $lineItem->getProduct()?->getCategories()?->first();

        return $category?->getTranslation('name') ?? $category?->getName();
    }
}
